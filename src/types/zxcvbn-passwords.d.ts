// One data file of @zxcvbn-ts/language-common, imported on its own (the package types only its index).
declare module '@zxcvbn-ts/language-common/dist/passwords.json.mjs' {
  const passwords: string[];
  export default passwords;
}
