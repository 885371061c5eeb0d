/**
 * The yardstick for time-to-interactive: a plain HTML form with the same fields as the widget's
 * locker path, no script at all. Served by the bench from the same local server.
 */
export const STATIC_FORM = `<!doctype html><html lang="pl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Formularz</title>
<style>body{font:16px system-ui;margin:0 auto;max-width:40rem;padding:1rem}label{display:block;margin-top:.75rem}
input{font:inherit;padding:.5rem;width:100%;box-sizing:border-box}button{font:inherit;padding:.75rem 1rem;margin-top:1rem}</style>
</head><body><h1>Kasa</h1><form method="post" action="#">
<label for="email">E-mail</label><input id="email" name="email" type="email" autocomplete="email">
<label for="phone">Telefon</label><input id="phone" name="phone" type="tel" autocomplete="tel">
<label for="firstName">Imię</label><input id="firstName" name="firstName" autocomplete="given-name">
<label for="lastName">Nazwisko</label><input id="lastName" name="lastName" autocomplete="family-name">
<fieldset><legend>Dostawa</legend><label><input type="radio" name="shipping" checked> Paczkomat InPost 24/7 – 12,99 zł</label>
<label><input type="radio" name="shipping"> Kurier InPost – 16,99 zł</label></fieldset>
<label for="point">Paczkomat</label><input id="point" name="pointQuery">
<fieldset><legend>Płatność</legend><label><input type="radio" name="pay" checked> BLIK</label></fieldset>
<label for="blik">Kod BLIK</label><input id="blik" name="blikCode" inputmode="numeric" autocomplete="off">
<p>Do zapłaty: 62,89 zł</p><button type="submit">Kupuję i płacę</button></form></body></html>`;
