// The strict lint layer: each deviation a lenient decoder tolerated, as a finding a case turns
// into a check (MUST -> fail, SHOULD -> warning).

export { finding, hasViolation, type Finding, type FindingLevel } from './finding.ts';
export { lintLinkFormat, type LinkContext, type LinkLintOptions } from './link-format.ts';
export { lintSenmlCbor, lintSenmlJson } from './senml.ts';
export { lintContentFormat } from './content-format.ts';
