import { describeGate, type GateResult } from '../gates/gates.js';
import { escapeXml as x } from './escape.js';
import { formatPercent } from './format.js';
import type { RunSummary } from './runSummary.js';

const symbol = { maxDrop: '<=', maxAsr: '<=', minAttackedAcc: '>=' } as const;

function testcase(g: GateResult): string {
  const scope = g.className === null ? g.attack : `${g.attack}.${g.className}`;
  const name = `${g.className === null ? '' : `class ${g.className}: `}${g.gate} ${symbol[g.gate]} ${formatPercent(g.limit)}`;
  const open = `    <testcase classname="${x(`stroop.${g.model}.${scope}`)}" name="${x(name)}" time="0"`;
  if (g.passed) return `${open}>\n      <system-out>${x(describeGate(g))}</system-out>\n    </testcase>`;
  return `${open}>\n      <failure type="thresholdBreached" message="${x(describeGate(g))}">${x(describeGate(g))}</failure>\n    </testcase>`;
}

/**
 * `junit.xml` for CI test tabs: one `<testsuite>` per model, one `<testcase>` per gate
 * (model x attack x gate, and per true class when the gates were evaluated per class), a
 * breached gate as a `<failure>` whose message has the numbers. Every string from data is
 * XML-escaped. A run without gates gives a well-formed file with no test cases. Pure.
 */
export function renderJunitXml(summary: RunSummary): string {
  const models = [...new Set([...Object.keys(summary.metrics.models), ...summary.gates.map((g) => g.model)])];
  const suites = models.map((model) => {
    const cases = summary.gates.filter((g) => g.model === model);
    const failures = cases.filter((g) => !g.passed).length;
    const body = cases.map(testcase).join('\n');
    return `  <testsuite name="${x(`stroop ${summary.suite} / ${model}`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="0" timestamp="${x(summary.generatedAt)}">\n` +
      `    <properties>\n` +
      `      <property name="stroopVersion" value="${x(summary.stroopVersion)}"/>\n` +
      `      <property name="gitCommit" value="${x(summary.gitCommit ?? 'unknown')}"/>\n` +
      `      <property name="planHash" value="${x(summary.planHash)}"/>\n` +
      `    </properties>\n` +
      `${body}${body === '' ? '' : '\n'}  </testsuite>`;
  });
  const tests = summary.gates.length;
  const failures = summary.gates.filter((g) => !g.passed).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${x(`stroop ${summary.suite}`)}" tests="${tests}" failures="${failures}" errors="0" time="0">\n${suites.join('\n')}${suites.length > 0 ? '\n' : ''}</testsuites>\n`;
}
