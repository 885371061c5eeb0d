import { describe, expect, it } from 'vitest';
import { BOM, csvField, csvFileName, csvMoney, csvPercent, toCsv } from './csv.ts';

describe('CSV of a dashboard table', () => {
  it('starts with a byte-order mark and ends every row with CRLF', () => {
    const text = toCsv(
      [
        ['Pole', 'Porzucone checkouty'],
        ['NIP', 41],
      ],
      'pl',
    );
    expect(text).toBe(`${BOM}Pole;Porzucone checkouty\r\nNIP;41\r\n`);
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('uses ; and decimal commas in Polish, , and decimal points in English', () => {
    expect(toCsv([['BLIK', 12.5, 1234.56]], 'pl')).toBe(`${BOM}BLIK;12,5;1234,56\r\n`);
    expect(toCsv([['BLIK', 12.5, 1234.56]], 'en')).toBe(`${BOM}BLIK,12.5,1234.56\r\n`);
  });

  it('quotes fields with the separator, quotes, line breaks, commas or edge spaces', () => {
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(csvField('zima "2026"', ';')).toBe('"zima ""2026"""');
    expect(csvField('two\nlines', ',')).toBe('"two\nlines"');
    expect(csvField('1,5', ';')).toBe('"1,5"');
    expect(csvField(' padded', ';')).toBe('" padded"');
    expect(csvField('Łódź – żółć', ';')).toBe('Łódź – żółć');
  });

  it('leaves empty cells for null and non-finite numbers', () => {
    expect(toCsv([['x', null, Number.NaN]], 'en')).toBe(`${BOM}x,,\r\n`);
  });

  it('keeps a spreadsheet from running text as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")', ';')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+48 600', ';')).toBe("'+48 600");
    expect(csvField('@SUM(A1)', ';')).toBe("'@SUM(A1)");
    // Numbers are numbers, negative ones too.
    expect(csvField(-1.5, ';', 'pl')).toBe('-1,5');
  });

  it('writes raw figures: złoty with grosze, shares in percent', () => {
    expect(csvMoney(123_456)).toBe('1234.56');
    expect(csvPercent(0.64231)).toBe('64.23');
    expect(csvPercent(null)).toBe('');
  });

  it('names the file after the table caption, without Polish letters', () => {
    expect(csvFileName('Płatności według metody')).toBe('kasa-platnosci-wedlug-metody.csv');
    expect(csvFileName('Ostatnie pole przed wyjściem z checkoutu')).toBe(
      'kasa-ostatnie-pole-przed-wyjsciem-z-checkoutu.csv',
    );
  });
});
