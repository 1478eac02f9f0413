// The YAML library, loaded on first use. It ships as CommonJS for Node, so a dynamic import
// may hand back its exports under `default` depending on the bundler.
type YamlModule = typeof import('yaml');

let loaded: Promise<YamlModule> | undefined;

export function loadYaml(): Promise<YamlModule> {
  loaded ??= import('yaml').then((m) => ((m as { default?: YamlModule }).default ?? m) as YamlModule);
  return loaded;
}
