// @ts-check
export default grammar({
  name: 'junos',
  rules: {
    configuration: $ => repeat($.word),
    word: _ => /[^\s;{}]+/,
  },
});
