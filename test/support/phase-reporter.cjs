// Jest reporter for scripts/test.sh: when each project's (phase's) first file started and last file ended, written
// as JSON to the file named by PHASES_FILE. The projects of one run overlap; each span is its own wall time.
class PhaseReporter {
  constructor() {
    this.phases = {};
  }

  onTestResult(test, result) {
    const name = test.context.config.displayName?.name ?? 'jest';
    const p = (this.phases[name] ??= { start: Infinity, end: 0, files: 0, failed: 0 });
    p.start = Math.min(p.start, result.perfStats.start);
    p.end = Math.max(p.end, result.perfStats.end);
    p.files += 1;
    if (result.numFailingTests > 0 || result.testExecError) p.failed += 1;
  }

  onRunComplete() {
    if (process.env.PHASES_FILE) require('node:fs').writeFileSync(process.env.PHASES_FILE, JSON.stringify(this.phases));
  }
}
module.exports = PhaseReporter;
