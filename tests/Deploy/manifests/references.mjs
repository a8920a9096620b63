// Reference checks across the whole set of documents: a Service, PodMonitor or NetworkPolicy must select a pod
// template (a DaemonSet's), a ServiceMonitor must select a Service, and the ports they name must exist there.

// Does a LabelSelector (matchLabels and matchExpressions) select these labels? An empty selector selects all.
function selects(selector, labels) {
    if (!selector || typeof selector !== "object") return false;
    for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
        if (labels[key] !== value) return false;
    }
    for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
        const has = Object.hasOwn(labels, key);
        if (operator === "In" && !(has && values.includes(labels[key]))) return false;
        if (operator === "NotIn" && has && values.includes(labels[key])) return false;
        if (operator === "Exists" && !has) return false;
        if (operator === "DoesNotExist" && has) return false;
    }
    return true;
}

// What documents may refer to: the workloads' pod templates and the Services, each with its ports.
export function indexTargets(records) {
    const pods = [];
    const services = [];
    for (const { doc } of records) {
        if (!doc || typeof doc !== "object") continue;
        const namespace = doc.metadata?.namespace;
        if (doc.kind === "DaemonSet") {
            const template = doc.spec?.template ?? {};
            const ports = (template.spec?.containers ?? []).flatMap((c) => c?.ports ?? []);
            const labels = template.metadata?.labels ?? {};
            pods.push({ owner: `DaemonSet/${doc.metadata?.name}`, namespace, labels, ports });
        } else if (doc.kind === "Service") {
            const labels = doc.metadata?.labels ?? {};
            services.push({ owner: `Service/${doc.metadata?.name}`, namespace, labels, ports: doc.spec?.ports ?? [] });
        }
    }
    return { pods, services };
}

// Is a port, given by number or by name, one of a pod template's container ports?
const hasContainerPort = (pod, port) =>
    pod.ports.some((p) => (typeof port === "number" ? p.containerPort === port : p.name === port));

// Does a monitor's namespaceSelector cover this namespace? "any", the names it lists, or else its own namespace.
function monitorCovers(namespaceSelector, ownNamespace, namespace) {
    if (namespaceSelector?.any) return true;
    const names = namespaceSelector?.matchNames ?? [];
    return names.length ? names.includes(namespace) : namespace === ownNamespace;
}

// One message per reference of this document that the targets do not satisfy.
export function referenceProblems(doc, targets) {
    const ns = doc.metadata?.namespace;
    const spec = doc.spec ?? {};
    const problems = [];
    const owners = (list) => list.map((t) => t.owner).join(", ");
    switch (doc.kind) {
        case "Service": {
            if (!spec.selector) break; // endpoints managed by hand
            const selector = { matchLabels: spec.selector };
            const pods = targets.pods.filter((p) => p.namespace === ns && selects(selector, p.labels));
            if (!pods.length) {
                problems.push(`spec.selector: selects no pod template in namespace ${ns}`);
                break;
            }
            (spec.ports ?? []).forEach((port, i) => {
                const target = port.targetPort ?? port.port;
                if (!pods.some((p) => hasContainerPort(p, target)))
                    problems.push(`spec.ports[${i}]: target port ${target} is not a container port of ${owners(pods)}`);
            });
            break;
        }
        case "ServiceMonitor": {
            const services = targets.services.filter(
                (s) => monitorCovers(spec.namespaceSelector, ns, s.namespace) && selects(spec.selector, s.labels),
            );
            if (!services.length) {
                problems.push("spec.selector: selects no Service in the namespaces it covers");
                break;
            }
            (spec.endpoints ?? []).forEach((ep, i) => {
                if (ep.port !== undefined && !services.some((s) => s.ports.some((p) => p.name === ep.port)))
                    problems.push(`spec.endpoints[${i}].port: no port named ${ep.port} in ${owners(services)}`);
            });
            break;
        }
        case "PodMonitor": {
            const pods = targets.pods.filter(
                (p) => monitorCovers(spec.namespaceSelector, ns, p.namespace) && selects(spec.selector, p.labels),
            );
            if (!pods.length) {
                problems.push("spec.selector: selects no pod template in the namespaces it covers");
                break;
            }
            (spec.podMetricsEndpoints ?? []).forEach((ep, i) => {
                for (const field of ["port", "portNumber"]) {
                    if (ep[field] !== undefined && !pods.some((p) => hasContainerPort(p, ep[field]))) {
                        const where = `spec.podMetricsEndpoints[${i}].${field}`;
                        problems.push(`${where}: ${ep[field]} is not a container port of ${owners(pods)}`);
                    }
                }
            });
            break;
        }
        case "NetworkPolicy": {
            const pods = targets.pods.filter((p) => p.namespace === ns && selects(spec.podSelector, p.labels));
            if (!pods.length) {
                problems.push(`spec.podSelector: selects no pod template in namespace ${ns}`);
                break;
            }
            (spec.ingress ?? []).forEach((rule, i) =>
                (rule.ports ?? []).forEach((port, j) => {
                    if (port.port !== undefined && !pods.some((p) => hasContainerPort(p, port.port))) {
                        const where = `spec.ingress[${i}].ports[${j}].port`;
                        problems.push(`${where}: ${port.port} is not a container port of ${owners(pods)}`);
                    }
                }),
            );
            break;
        }
    }
    return problems;
}
