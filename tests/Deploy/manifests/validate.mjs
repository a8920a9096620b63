// Offline validation of the Kubernetes manifests against a pinned schema: Kubernetes v1.36.0's OpenAPI as
// compiled into kubernetes-models 5.1.0, and prometheus-operator v0.91.0's types as compiled into
// @kubernetes-models/prometheus-operator 6.0.0 (package-lock.json pins both). No cluster and no network.
//
//   node validate.mjs [FILE...]     every document of every file (default: deploy/kubernetes/*.yaml and *.yml)
//   node validate.mjs --self-test   broken documents that must each be rejected for the expected reason, and the
//                                   valid set they are made from, which must pass (self-test.mjs)
//
// One line per document, "ok: FILE KIND/NAME" or "FAIL: FILE KIND/NAME: why"; the exit code is 1 if any failed.
// A document passes when:
// - it parses as YAML 1.1, as kubectl reads it (so an unquoted `on` is a boolean), without duplicate keys;
// - its apiVersion and kind are known (documents.mjs), and a namespaced kind names its namespace;
// - the kind's model validator accepts it, and it has no field the schema does not know (schema-check.mjs);
// - what it refers to is in the same set of files: selected pod templates and Services, and the ports they
//   name (references.mjs).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseFiles, validateRecords } from "./documents.mjs";
import { selfTest } from "./self-test.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const MANIFEST_DIR = join(ROOT, "deploy/kubernetes");

// Print one line per record; returns the number that failed.
function report(records) {
    let failed = 0;
    for (const { file, label, problems } of records) {
        if (problems.length) {
            failed++;
            console.log(`FAIL: ${file} ${label}: ${problems.join("; ")}`);
        } else {
            console.log(`ok: ${file} ${label}`);
        }
    }
    return failed;
}

// The files named, or deploy/kubernetes/*.yaml and *.yml, as { file, text }; a file is named relative to the
// repository when it lies inside it.
function manifestFiles(args) {
    const paths = args.length
        ? args.map((a) => resolve(a))
        : readdirSync(MANIFEST_DIR)
              .filter((f) => /\.ya?ml$/.test(f))
              .sort()
              .map((f) => join(MANIFEST_DIR, f));
    return paths.map((p) => {
        const rel = relative(ROOT, p);
        return { file: rel && !rel.startsWith("..") ? rel : p, text: readFileSync(p, "utf8") };
    });
}

const args = process.argv.slice(2);
const failed = args[0] === "--self-test" ? selfTest() : report(validateRecords(parseFiles(manifestFiles(args))));
process.exitCode = failed ? 1 : 0;
