import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * The webservice reads XML only (a JSON body fails with "String could not be parsed as XML"), so
 * writes are built here. Strings go in CDATA; numbers and booleans as text.
 */

export type XmlScalar = string | number | boolean | null | undefined;

export interface XmlAssociation {
  /** The element of one row, e.g. `cart_row` inside `cart_rows`. */
  readonly row: string;
  readonly rows: readonly Readonly<Record<string, XmlScalar>>[];
}

export interface XmlResource {
  readonly fields: Readonly<Record<string, XmlScalar>>;
  readonly associations?: Readonly<Record<string, XmlAssociation>>;
}

const NAME = /^[a-z_][a-z0-9_]*$/;

/** CDATA cannot contain `]]>`; split it across two sections. Control characters are dropped. */
const cdata = (text: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point.
  `<![CDATA[${text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

function scalar(name: string, value: XmlScalar): string {
  if (!NAME.test(name)) throw new Error(`Not an XML element name: ${name}`);
  if (value === undefined) return '';
  if (value === null) return `<${name}/>`;
  if (typeof value === 'boolean') return `<${name}>${value ? 1 : 0}</${name}>`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${name} is not a finite number`);
    return `<${name}>${value}</${name}>`;
  }
  return `<${name}>${cdata(value)}</${name}>`;
}

const fieldsXml = (fields: Readonly<Record<string, XmlScalar>>): string =>
  Object.entries(fields)
    .map(([name, value]) => scalar(name, value))
    .join('');

/**
 * One resource as the webservice expects it in a POST or PUT body.
 *
 * @example
 * buildResourceXml('customer', { fields: { email: 'anna@example.pl', is_guest: true } });
 * // <?xml …?><prestashop …><customer><email><![CDATA[anna@example.pl]]></email><is_guest>1</is_guest></customer></prestashop>
 */
export function buildResourceXml(node: string, resource: XmlResource): string {
  const associations = Object.entries(resource.associations ?? {})
    .map(
      ([name, { row, rows }]) =>
        `<${name}>${rows.map((r) => `<${row}>${fieldsXml(r)}</${row}>`).join('')}</${name}>`,
    )
    .join('');
  const body = `${fieldsXml(resource.fields)}${associations ? `<associations>${associations}</associations>` : ''}`;
  if (!NAME.test(node)) throw new Error(`Not an XML element name: ${node}`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink"><${node}>${body}</${node}></prestashop>`;
}

/** Elements the webservice repeats, so a single one must still parse as a list. */
const LISTS = new Set(['error', 'language', 'cart_row', 'order_row', 'group']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  isArray: (name) => LISTS.has(name),
});

/** Parses an XML document into plain objects (text as strings); undefined when it is not XML. */
export function parseXml(text: string): Record<string, unknown> | undefined {
  if (!text.trimStart().startsWith('<') || XMLValidator.validate(text) !== true) return undefined;
  const parsed: unknown = parser.parse(text);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
}
