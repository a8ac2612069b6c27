// Lints the source description (openapi/) with the project's rules: zero errors and zero
// warnings, and no ignore file.
import { CONFIG, lintReports, redocly } from './redocly.mjs';

const args = ['--config', CONFIG, '--max-problems', '1000'];
try {
  const reports = await lintReports(args);
  const totals = { errors: 0, warnings: 0, ignored: 0 };
  for (const report of reports) for (const key of Object.keys(totals)) totals[key] += report.totals[key];
  if (totals.errors + totals.warnings + totals.ignored === 0) {
    console.log('openapi/: no lint problem in either root document.');
  } else {
    console.error(await redocly(['lint', ...args, '--format', 'stylish']).catch((error) => error.output));
    console.error(`openapi/: ${totals.errors} errors, ${totals.warnings} warnings, ${totals.ignored} ignored; the project allows none.`);
    process.exit(1);
  }
} catch (error) {
  console.error(error.output ?? error.message);
  process.exit(1);
}
