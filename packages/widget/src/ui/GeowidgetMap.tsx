/** @jsxRuntime automatic @jsxImportSource react */
import { useEffect, useRef, useState } from 'react';
import type { WidgetConfig } from '../controller/types.ts';
import { useUi } from './context.ts';
import { mountGeowidget } from './geowidget.ts';

type GeowidgetConfig = NonNullable<WidgetConfig['geowidget']>;

/**
 * The InPost map: InPost's script and CSS load only when the shopper asks for the map (a shop with a
 * token, the locker option chosen), and so does this view, in the later chunk. When the map cannot
 * load, a note in its place points to the list, which works without it.
 */
export function GeowidgetMap(props: { config: GeowidgetConfig; onPoint: (id: string) => void }) {
  const { t, locale } = useUi();
  const slot = useRef<HTMLElement>(null);
  const [failed, setFailed] = useState(false);
  const onPoint = useRef(props.onPoint);
  onPoint.current = props.onPoint;
  const { token, config, sandbox } = props.config;
  useEffect(() => {
    if (!slot.current) return;
    return mountGeowidget(slot.current, {
      token,
      config,
      sandbox,
      language: locale,
      onPoint: (id) => onPoint.current(id),
      onFail: () => setFailed(true),
    });
  }, [token, config, sandbox, locale]);
  return failed ? (
    <p class="kasa-hint" role="status">
      {t.mapFailed}
    </p>
  ) : (
    <section ref={slot} class="kasa-map" aria-label={t.map} />
  );
}
