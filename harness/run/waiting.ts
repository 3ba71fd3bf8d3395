// Waiting without sleeping, for case steps: a predicate polled until it holds or a deadline
// passes, and the first of several waits.
export { firstOf, until, type WaitOptions } from '../peers/wait.ts';
