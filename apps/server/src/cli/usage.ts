/** The CLI's overall help. */
export const USAGE = `Usage: kasa <command> [options]

Commands:
  start                  serve the checkout API, the widget, the merchant dashboard, the sandbox
                         bank and the demo shop (an empty store is seeded with simulated checkouts);
                         --store woocommerce-fake|prestashop-fake|shopify-fake|shoper-fake sells through that platform's fake
  doctor                 check the configured shop end to end (reachable, credentials, permissions,
                         versions, the Kasa plugin or module) and say what to fix; exit 1 on a failure
  simulate [options]     write simulated checkouts into the configured store, or post them to a
                         running server (--url); --checkouts N, --seed N, --days D, --config FILE.json; --delete
  import-costs FILE.csv  import campaign costs (date,source,medium,campaign[,device],cost; comma or Polish Excel CSV) for the channel report
  report [options]       print the dashboard report: --from/--to YYYY-MM-DD, --variant, --device,
                         --source, --touch first|last, --simulated true|both (default real only), --json, --lang pl|en
  refund ID              refund a paid order (checkout id or order id) through the payment provider
                         that took the money, once; prints the outcome (--json for the API's JSON)
  experiment ACTION      list the stored A/B tests and their latest changes, or start KEY, stop KEY,
                         ship KEY VARIATION (everyone gets it), on the configured database
  help [command]         this text, or a command's options (also: kasa <command> --help)

Configuration: kasa.config.json in the current folder, or KASA_* environment variables (see README);
e.g. KASA_DB=/tmp/try.db kasa simulate --checkouts 2000 && KASA_DB=/tmp/try.db kasa report`;
