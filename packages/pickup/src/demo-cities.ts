/**
 * Polish towns for the made-up demo points (the 32 most populous, and Sopot): InPost-style 3-letter
 * code, province, and for each postcode prefix the rough centre of that area. Coordinates are
 * approximate; the points around them are invented.
 */
export interface DemoCity {
  readonly name: string;
  readonly code: string;
  readonly province: string;
  readonly points: number;
  /** Postcode prefix → area centre [lat, lng]. */
  readonly areas: readonly (readonly [prefix: string, lat: number, lng: number])[];
}

export const DEMO_CITIES: readonly DemoCity[] = [
  {
    name: 'Warszawa',
    code: 'WAW',
    province: 'mazowieckie',
    points: 60,
    areas: [
      ['00', 52.232, 21.01],
      ['01', 52.262, 20.955],
      ['02', 52.195, 20.99],
      ['03', 52.272, 21.05],
      ['04', 52.225, 21.11],
    ],
  },
  {
    name: 'Kraków',
    code: 'KRA',
    province: 'małopolskie',
    points: 30,
    areas: [
      ['30', 50.045, 19.93],
      ['31', 50.075, 19.99],
    ],
  },
  {
    name: 'Łódź',
    code: 'LOD',
    province: 'łódzkie',
    points: 24,
    areas: [
      ['90', 51.765, 19.455],
      ['91', 51.792, 19.43],
      ['93', 51.735, 19.47],
      ['94', 51.77, 19.395],
    ],
  },
  {
    name: 'Wrocław',
    code: 'WRO',
    province: 'dolnośląskie',
    points: 25,
    areas: [
      ['50', 51.11, 17.03],
      ['51', 51.13, 17.075],
      ['52', 51.085, 17.01],
      ['53', 51.1, 16.975],
      ['54', 51.125, 16.95],
    ],
  },
  {
    name: 'Poznań',
    code: 'POZ',
    province: 'wielkopolskie',
    points: 20,
    areas: [
      ['60', 52.4, 16.88],
      ['61', 52.405, 16.95],
    ],
  },
  { name: 'Gdańsk', code: 'GDA', province: 'pomorskie', points: 16, areas: [['80', 54.352, 18.646]] },
  {
    name: 'Szczecin',
    code: 'SZC',
    province: 'zachodniopomorskie',
    points: 14,
    areas: [
      ['70', 53.425, 14.55],
      ['71', 53.455, 14.52],
    ],
  },
  {
    name: 'Bydgoszcz',
    code: 'BYD',
    province: 'kujawsko-pomorskie',
    points: 12,
    areas: [['85', 53.123, 18.008]],
  },
  { name: 'Lublin', code: 'LUB', province: 'lubelskie', points: 12, areas: [['20', 51.246, 22.568]] },
  { name: 'Katowice', code: 'KAT', province: 'śląskie', points: 12, areas: [['40', 50.264, 19.024]] },
  { name: 'Białystok', code: 'BIA', province: 'podlaskie', points: 10, areas: [['15', 53.133, 23.164]] },
  { name: 'Gdynia', code: 'GDY', province: 'pomorskie', points: 10, areas: [['81', 54.519, 18.531]] },
  { name: 'Częstochowa', code: 'CZE', province: 'śląskie', points: 8, areas: [['42', 50.811, 19.12]] },
  { name: 'Radom', code: 'RAD', province: 'mazowieckie', points: 8, areas: [['26', 51.403, 21.147]] },
  { name: 'Toruń', code: 'TOR', province: 'kujawsko-pomorskie', points: 8, areas: [['87', 53.013, 18.598]] },
  { name: 'Kielce', code: 'KIE', province: 'świętokrzyskie', points: 8, areas: [['25', 50.866, 20.628]] },
  { name: 'Rzeszów', code: 'RZE', province: 'podkarpackie', points: 8, areas: [['35', 50.041, 21.999]] },
  {
    name: 'Olsztyn',
    code: 'OLS',
    province: 'warmińsko-mazurskie',
    points: 8,
    areas: [['10', 53.778, 20.48]],
  },
  { name: 'Opole', code: 'OPO', province: 'opolskie', points: 6, areas: [['45', 50.675, 17.921]] },
  { name: 'Zielona Góra', code: 'ZIG', province: 'lubuskie', points: 6, areas: [['65', 51.935, 15.506]] },
  { name: 'Sosnowiec', code: 'SOS', province: 'śląskie', points: 6, areas: [['41', 50.286, 19.104]] },
  { name: 'Gliwice', code: 'GLI', province: 'śląskie', points: 6, areas: [['44', 50.294, 18.666]] },
  { name: 'Bielsko-Biała', code: 'BBI', province: 'śląskie', points: 6, areas: [['43', 49.822, 19.045]] },
  { name: 'Zabrze', code: 'ZAB', province: 'śląskie', points: 5, areas: [['41', 50.324, 18.786]] },
  { name: 'Bytom', code: 'BYT', province: 'śląskie', points: 5, areas: [['41', 50.348, 18.916]] },
  { name: 'Rybnik', code: 'RYB', province: 'śląskie', points: 5, areas: [['44', 50.097, 18.542]] },
  { name: 'Ruda Śląska', code: 'RUD', province: 'śląskie', points: 5, areas: [['41', 50.256, 18.856]] },
  { name: 'Tychy', code: 'TYC', province: 'śląskie', points: 5, areas: [['43', 50.124, 18.99]] },
  {
    name: 'Gorzów Wielkopolski',
    code: 'GOR',
    province: 'lubuskie',
    points: 5,
    areas: [['66', 52.731, 15.238]],
  },
  {
    name: 'Elbląg',
    code: 'ELB',
    province: 'warmińsko-mazurskie',
    points: 5,
    areas: [['82', 54.156, 19.404]],
  },
  { name: 'Płock', code: 'PLO', province: 'mazowieckie', points: 5, areas: [['09', 52.547, 19.706]] },
  {
    name: 'Dąbrowa Górnicza',
    code: 'DAB',
    province: 'śląskie',
    points: 5,
    areas: [['41', 50.321, 19.187]],
  },
  { name: 'Sopot', code: 'SOP', province: 'pomorskie', points: 5, areas: [['81', 54.441, 18.56]] },
];

/** Street names found in most Polish towns. */
export const DEMO_STREETS: readonly string[] = [
  'Mickiewicza',
  'Słowackiego',
  'Kościuszki',
  'Sienkiewicza',
  'Piłsudskiego',
  'Jana Pawła II',
  'Wojska Polskiego',
  'Długa',
  'Polna',
  'Leśna',
  'Ogrodowa',
  'Lipowa',
  'Szkolna',
  'Kolejowa',
  'Klonowa',
  'Brzozowa',
  'Parkowa',
  'Kwiatowa',
  'Słoneczna',
  'Reymonta',
  'Żeromskiego',
  'Konopnickiej',
  'Prusa',
  'Kopernika',
  'Chopina',
  'Grunwaldzka',
  '3 Maja',
  'Wyszyńskiego',
];

export const DEMO_DESCRIPTIONS: readonly string[] = [
  'przy sklepie spożywczym',
  'obok stacji paliw',
  'przy parkingu',
  'przy wejściu do galerii handlowej',
  'obok przystanku autobusowego',
  'przy osiedlowym pawilonie',
];
