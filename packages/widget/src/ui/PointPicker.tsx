/** @jsxRuntime automatic @jsxImportSource react */
import type { PickupPoint } from '@kasa/core';
import { useState } from 'react';
import type { WidgetState } from '../controller/types.ts';
import { Choice, ChoiceGroup } from './Choice.tsx';
import { useUi } from './context.ts';
import { TextField } from './fields.tsx';
import { GeowidgetMap } from './later.ts';

export const pointAddress = (point: PickupPoint): string => {
  const { street, buildingNumber, postcode, city } = point.address;
  const line = [street, buildingNumber].filter(Boolean).join(' ');
  return line ? `${line}, ${postcode} ${city}` : `${postcode} ${city}`;
};

/** An accessible list picker: search by postcode or town, then one radio per locker. */
/** `shown`: the locker option is chosen. The InPost map loads only then. */
export function PointPicker({ state, shown }: { readonly state: WidgetState; readonly shown: boolean }) {
  const { t, controller } = useUi();
  const { points } = state;
  const saved = state.view.delivery?.pickupPoint;
  const items =
    saved && saved.id === state.pickupPointId && !points.items.some((p) => p.id === saved.id)
      ? [saved, ...points.items]
      : points.items;
  const locked = state.checkout.orderPlaced;
  const search = () => void controller.searchPoints();
  const status =
    points.status === 'loading'
      ? t.searching
      : points.status === 'error'
        ? t.searchFailed
        : points.status === 'ready'
          ? `${points.items.length > 0 ? t.found(points.items.length) : t.noneFound}${points.stale ? ` ${t.stale}` : ''}`
          : '';
  const geowidget = controller.config.geowidget;
  const [mapAsked, askMap] = useState(false);
  return (
    <div class="kasa-points">
      {!locked && (
        <div class="kasa-search">
          <TextField
            state={state}
            path="pointQuery"
            label={t.pointQuery}
            autoComplete="postal-code"
            onEnter={search}
          />
          <button type="button" class="kasa-button kasa-button--secondary" onClick={search}>
            {t.search}
          </button>
        </div>
      )}
      <p class="kasa-status" role="status">
        {status}
      </p>
      {items.length > 0 || state.errors.pickupPoint ? (
        <ChoiceGroup state={state} name="pickupPoint" legend={t.pointsLegend}>
          {items.map((point) => (
            <Choice
              key={point.id}
              state={state}
              name="pickupPoint"
              value={point.id}
              checked={point.id === state.pickupPointId}
              disabled={locked && point.id !== state.pickupPointId}
              onChoose={() => controller.choosePoint(point.id)}
              title={`${point.carrier === 'inpost' ? '' : `${point.carrier.toUpperCase()} `}${point.id} · ${pointAddress(point)}`}
              detail={
                [point.description, point.open247 ? t.open247 : point.openingHours]
                  .filter(Boolean)
                  .join(' · ') || undefined
              }
            />
          ))}
        </ChoiceGroup>
      ) : null}
      {geowidget &&
        shown &&
        !locked &&
        (mapAsked ? (
          <GeowidgetMap config={geowidget} onPoint={(id) => controller.choosePoint(id)} />
        ) : (
          <button type="button" class="kasa-button kasa-button--secondary" onClick={() => askMap(true)}>
            {t.showMap}
          </button>
        ))}
    </div>
  );
}
