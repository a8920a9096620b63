// Parsing YAML texts into document records and validating them: the kinds known, metadata, the schema checks of
// schema-check.mjs and then the reference checks of references.mjs across the whole set.
import { parseAllDocuments } from "yaml";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Service } from "kubernetes-models/v1/Service";
import { DaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import { PodMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor";
import { schemaProblems, unknownFields } from "./schema-check.mjs";
import { indexTargets, referenceProblems } from "./references.mjs";

// "apiVersion kind" -> the model class and whether the kind lives in a namespace.
const KINDS = new Map(
    [
        [Namespace, false],
        [DaemonSet, true],
        [Service, true],
        [NetworkPolicy, true],
        [ServiceMonitor, true],
        [PodMonitor, true],
    ].map(([model, namespaced]) => [`${model.apiVersion} ${model.kind}`, { model, namespaced }]),
);

// Parse files ({ file, text }) as YAML 1.1, as kubectl reads them (an unquoted `on` is a boolean), rejecting
// duplicate keys, into one record per non-empty document: { file, label, doc, problems }.
export function parseFiles(files) {
    const records = [];
    for (const { file, text } of files) {
        parseAllDocuments(text, { version: "1.1", uniqueKeys: true }).forEach((ydoc, i) => {
            const yamlErrors = [...ydoc.errors, ...ydoc.warnings].map(
                (e) => `YAML: ${e.message.split("\n")[0].replace(/:$/, "")}`,
            );
            if (yamlErrors.length) {
                records.push({ file, label: `document ${i + 1}`, doc: undefined, problems: yamlErrors });
                return;
            }
            const doc = ydoc.toJS();
            if (doc === null || doc === undefined) return; // comments only, or a trailing ---
            const label =
                doc && typeof doc === "object" && !Array.isArray(doc)
                    ? `${doc.kind ?? "?"}/${doc.metadata?.name ?? "?"}`
                    : `document ${i + 1}`;
            records.push({ file, label, doc, problems: [] });
        });
    }
    return records;
}

// Validate every record in place and return them. An unknown apiVersion and kind is an error, not a skip, and a
// namespaced kind must name its namespace (kubectl apply would otherwise use the caller's context's). References
// are checked only in documents that passed everything else.
export function validateRecords(records) {
    for (const record of records) {
        const { doc } = record;
        if (record.problems.length) continue;
        if (typeof doc !== "object" || Array.isArray(doc)) {
            record.problems.push("not a mapping");
            continue;
        }
        const entry = KINDS.get(`${doc.apiVersion} ${doc.kind}`);
        if (!entry) {
            const known = [...KINDS.keys()].join(", ");
            record.problems.push(`no validator for apiVersion ${doc.apiVersion} kind ${doc.kind} (known: ${known})`);
            continue;
        }
        const { name, namespace } = doc.metadata ?? {};
        if (typeof name !== "string" || !name) record.problems.push("metadata.name: missing");
        if (entry.namespaced && !namespace)
            record.problems.push("metadata.namespace: missing (a namespaced kind must name its namespace)");
        if (!entry.namespaced && namespace) record.problems.push("metadata.namespace: set on a cluster-scoped kind");
        record.problems.push(...schemaProblems(entry.model, doc), ...unknownFields(entry.model, doc));
    }
    const targets = indexTargets(records);
    for (const record of records) {
        if (!record.problems.length) record.problems.push(...referenceProblems(record.doc, targets));
    }
    return records;
}
