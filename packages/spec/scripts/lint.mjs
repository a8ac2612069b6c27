// Lints the source description (openapi/) with the project's rules: zero errors and zero
// warnings, and no ignore file.
import { describeProblem, lintApis } from './redocly.mjs';

try {
  const reports = await lintApis();
  const problems = reports.flatMap((report) => report.problems);
  if (problems.length === 0) {
    console.log(`openapi/: no lint problem in ${reports.map((r) => r.alias).join(' or ')}.`);
  } else {
    for (const problem of problems) console.error(describeProblem(problem));
    const totals = { errors: 0, warnings: 0, ignored: 0 };
    for (const report of reports) for (const key of Object.keys(totals)) totals[key] += report.totals[key];
    console.error(`openapi/: ${totals.errors} errors, ${totals.warnings} warnings, ${totals.ignored} ignored; the project allows none.`);
    process.exit(1);
  }
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
