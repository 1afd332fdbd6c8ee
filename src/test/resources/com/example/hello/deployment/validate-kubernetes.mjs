// Validates Kubernetes manifests offline against Kubernetes' JSON schemas, with the npm
// package kubernetes-models: node validate-kubernetes.mjs FILE...; exits 1 on the first invalid object.
// It catches wrong types, missing required fields and wrong enum values; it does not catch
// a misspelled field name (the schemas allow unknown fields), which the test checks itself.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import yaml from "js-yaml";

const require = createRequire(import.meta.url);
let failed = false;
for (const file of process.argv.slice(2)) {
  for (const object of yaml.loadAll(readFileSync(file, "utf8"))) {
    if (!object) continue;
    const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : ["", object.apiVersion];
    const module = `kubernetes-models/${group ? group + "/" : ""}${version}/${object.kind}`;
    let Model;
    try {
      Model = require(module)[object.kind];
    } catch (error) {
      console.log(`${file}: ${object.kind} ${object.apiVersion}: no such kind (${error.message})`);
      failed = true;
      continue;
    }
    try {
      new Model(object).validate();
      console.log(`${file}: ${object.kind} ${object.metadata.name}: valid`);
    } catch (error) {
      console.log(`${file}: ${object.kind} ${object.metadata?.name}: ${error.message}`);
      failed = true;
    }
  }
}
process.exit(failed ? 1 : 0);
