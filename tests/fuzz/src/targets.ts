import { paramsOf, type Param } from './params.js';

/** Something the fuzz calls: an exported function, a class's constructor, static or method. */
export interface Target {
  /** Where it lives: `core.relu`, `core.logistic.model`, `core.new DeepNeuralNetwork`,
   * `optimizers.AdamOptimizer.fromConfig`, `core.DeepNeuralNetwork#evaluate`. */
  id: string;
  /** The names a `DlkitError` from it may give as its function (`err.fn`). */
  names: string[];
  /** Its declared parameters. */
  params: Param[];
  /** Calls it with `args` (making a fresh instance first for a method). */
  invoke: (args: unknown[]) => unknown;
  /** For a static or prototype method: its name (private ones are left out). */
  member?: string;
  /** For a method: the instance of the last call, to dispose. */
  lastInstance?: () => unknown;
}

/** Makes an instance of an exported class for its methods, or throws when it cannot. */
export type InstanceFactory = (cls: new (...args: never[]) => unknown) => unknown;

type AnyFunction = (...args: unknown[]) => unknown;
type AnyClass = new (...args: unknown[]) => unknown;

function isClass(value: unknown): value is AnyClass {
  return typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value));
}

function ownMethods(object: object): [string, AnyFunction][] {
  return Object.getOwnPropertyNames(object)
    .filter((key) => key !== 'constructor')
    .flatMap((key) => {
      const d = Object.getOwnPropertyDescriptor(object, key);
      return d !== undefined && typeof d.value === 'function' && !isClass(d.value)
        ? [[key, d.value as AnyFunction] as [string, AnyFunction]]
        : [];
    });
}

function classTargets(
  pkg: string,
  name: string,
  cls: AnyClass,
  factory: InstanceFactory,
): Target[] {
  const targets: Target[] = [
    {
      id: `${pkg}.new ${name}`,
      names: [name, `new ${name}`],
      params: paramsOf(cls as never),
      invoke: (args) => new cls(...args),
    },
  ];
  for (const [key, fn] of ownMethods(cls)) {
    targets.push({
      id: `${pkg}.${name}.${key}`,
      names: [`${name}.${key}`],
      member: key,
      params: paramsOf(fn as never),
      invoke: (args) => fn.apply(cls, args),
    });
  }
  for (const [key, fn] of ownMethods(cls.prototype as object)) {
    let instance: unknown;
    targets.push({
      id: `${pkg}.${name}#${key}`,
      names: [`${name}.${key}`, `${name}#${key}`],
      member: key,
      params: paramsOf(fn as never),
      invoke: (args) => {
        instance = factory(cls as never);
        return fn.apply(instance, args);
      },
      lastInstance: () => instance,
    });
  }
  return targets;
}

/**
 * Every function, class constructor, static method and prototype method that the given package
 * modules export (namespaces such as `logistic` included), in a stable order.
 *
 * @param packages - Package short name → its module namespace (`import * as`).
 * @param factory - Makes instances for prototype methods.
 * @returns The targets, sorted by id; a function exported twice appears once, first by name.
 */
export function collectTargets(
  packages: Record<string, Record<string, unknown>>,
  factory: InstanceFactory,
): Target[] {
  const seen = new Set<unknown>();
  const targets: Target[] = [];
  const visit = (pkg: string, prefix: string, namespace: Record<string, unknown>): void => {
    const entries = Object.keys(namespace)
      .sort()
      .map((k) => [k, namespace[k]] as const);
    // Plain functions before namespaces, so a function re-exported in a namespace keeps its name.
    for (const [key, value] of entries) {
      if (typeof value !== 'function' || seen.has(value)) continue;
      seen.add(value);
      if (isClass(value)) targets.push(...classTargets(pkg, key, value, factory));
      else {
        const fn = value as AnyFunction;
        const qualified = prefix === '' ? key : `${prefix}.${key}`;
        targets.push({
          id: `${pkg}.${qualified}`,
          names: [...new Set([key, qualified])],
          params: paramsOf(fn as never),
          invoke: (args) => fn(...args),
        });
      }
    }
    for (const [key, value] of entries) {
      if (
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        isNamespace(value)
      ) {
        visit(pkg, prefix === '' ? key : `${prefix}.${key}`, value as Record<string, unknown>);
      }
    }
  };
  for (const pkg of Object.keys(packages).sort())
    visit(pkg, '', packages[pkg] as Record<string, unknown>);
  return targets;
}

/** A module namespace object (`export * as logistic`), not a plain constant object. */
function isNamespace(value: object): boolean {
  return Object.prototype.toString.call(value) === '[object Module]';
}
