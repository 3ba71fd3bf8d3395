// Allure's view of a finished case, recorded from inside its vitest test (allure-vitest's
// runtime is only reachable there): labels for grouping, each check as a step with expected
// and actual, and the trace attached as text and as JSON.
import * as allure from 'allure-js-commons';
import type { CaseResult, CheckResult } from '../run/result.ts';
import { showValue, traceLine } from './trace-text.ts';

/** Allure derives a step's status from the error's name: assertion errors are "failed", others "broken". */
class CheckFailed extends Error {
  override readonly name = 'AssertionError';
}

function stepName(check: CheckResult): string {
  const warning = check.verdict === 'warning' ? ' (warning)' : '';
  return `${check.id} [${check.level}] ${check.description}${warning}`;
}

async function checkStep(check: CheckResult): Promise<void> {
  try {
    await allure.step(stepName(check), async (step) => {
      await step.parameter('expected', showValue(check.expected));
      await step.parameter('actual', showValue(check.actual));
      if (check.at !== undefined) await step.parameter('message', `#${check.at}`);
      const message = `expected ${showValue(check.expected)}, got ${showValue(check.actual)}`;
      if (check.verdict === 'fail') throw new CheckFailed(message);
      if (check.verdict === 'inconclusive') throw new Error(message);
    });
  } catch {
    // the step records the failure; the test's own verdict is set by the caller
  }
}

function description(result: CaseResult): string {
  const lines = [`**${result.id}** ${result.title}`, '', `Reference: ${result.ref}`];
  if (result.config) lines.push(`ETS configuration: ${result.config}`);
  if (result.reason) lines.push('', `Reason: ${result.reason}`);
  if (result.notes.length) lines.push('', ...result.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

export async function recordForAllure(result: CaseResult): Promise<void> {
  await allure.displayName(`${result.id} ${result.title}`);
  await allure.testCaseId(result.id);
  await allure.historyId(result.id);
  await allure.parentSuite('lwm2m-conformance');
  await allure.suite(result.interface);
  await allure.feature(result.interface);
  await allure.label('verdict', result.verdict);
  await allure.description(description(result));
  for (const check of result.checks) await checkStep(check);
  if (result.trace.length) {
    await allure.attachment('trace.txt', result.trace.map(traceLine).join('\n'), 'text/plain');
    await allure.attachment('trace.json', JSON.stringify(result.trace, null, 2), 'application/json');
  }
  if (result.targetOutput?.length) {
    const text = result.targetOutput.map((l) => `${(l.atMs / 1000).toFixed(3).padStart(8)}s ${l.stream} ${l.text}`).join('\n');
    await allure.attachment('target output.txt', text, 'text/plain');
  }
}
