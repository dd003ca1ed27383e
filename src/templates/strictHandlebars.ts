import Handlebars from 'handlebars';

/**
 * Creates a handlebars environment whose `#if` and `#unless` throw on a
 * missing value. Strict mode alone (checked with handlebars 4.7.10) does not
 * check the last name of a path passed to a helper, so a misspelt name in
 * `{{#if}}` would be silently false and an optional line would vanish.
 */
export function createStrictHandlebars(): typeof Handlebars {
  const environment = Handlebars.create();

  for (const name of ['if', 'unless'] as const) {
    const builtIn = environment.helpers[name] as (...args: unknown[]) => unknown;
    environment.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      const options = args[args.length - 1] as Handlebars.HelperOptions & { loc?: { start: { line: number; column: number } } };
      if (args.length === 2 && args[0] === undefined) {
        const where = options.loc ? ` at line ${options.loc.start.line}, column ${options.loc.start.column}` : '';
        throw new Error(`#${name}${where} received a missing value. Pass null for an optional value.`);
      }
      return builtIn.apply(this, args);
    });
  }

  return environment;
}
