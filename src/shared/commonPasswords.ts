/**
 * Where the common-password list comes from: the 49,233 passwords of @zxcvbn-ts/language-common (leaked
 * password corpora, most frequent first; MIT), about 200 KB gzip. Only that file of the package is imported, not
 * its index (which adds keyboard graphs and a word list), and never statically from the phone's code: the
 * server awaits it at start, the phone in a lazily loaded chunk that the service worker does not precache.
 */
let list: Promise<ReadonlySet<string>> | undefined;

export function loadCommonPasswords(): Promise<ReadonlySet<string>> {
  list ??= import('@zxcvbn-ts/language-common/dist/passwords.json.mjs').then(
    (m) => new Set(m.default.map((p) => p.normalize('NFKC').toLowerCase())),
  );
  // A failed load (the phone lost its signal) is tried again next time.
  list.catch(() => {
    list = undefined;
  });
  return list;
}
