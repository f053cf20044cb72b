/**
 * Long work counted in steps (conversations stored, messages written), as a
 * progress line shows it: "Syncing 3 of 20 conversations".
 */
export interface Progress {
  done: number;
  total: number;
}

/**
 * Passes on at most about twenty steps of `total`, and always the last: a
 * progress line moves visibly without a render per row.
 */
export function progressReporter(report: (done: number, total: number) => void): (done: number, total: number) => void {
  let reported = 0;
  return (done, total) => {
    if (done === total || done - reported >= total / 20) {
      reported = done;
      report(done, total);
    }
  };
}
