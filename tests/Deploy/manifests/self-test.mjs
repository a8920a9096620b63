// The validator's self-test: broken documents that must each be rejected for the expected reason, and the valid
// set they are made from, which must pass.
import { parseFiles, validateRecords } from "./documents.mjs";

// A small valid set in the shape of deploy/kubernetes, one YAML text per document. Each case below edits one
// document of it (a text replacement that must match exactly once) and must then be rejected with a message
// matching `expect`, so a check that rejects for the wrong reason, or rejects everything, shows up too.
const BASELINE = {
    Namespace: `
apiVersion: v1
kind: Namespace
metadata:
  name: t`,
    DaemonSet: `
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: mon
  namespace: t
spec:
  selector:
    matchLabels:
      app: mon
  template:
    metadata:
      labels:
        app: mon
    spec:
      hostNetwork: true
      containers:
        - name: c
          image: example.com/mon:1
          env:
            - { name: GEN0, value: "0x1000000" }
          ports:
            - name: metrics
              containerPort: 9464
              hostPort: 9464`,
    Service: `
apiVersion: v1
kind: Service
metadata:
  name: mon
  namespace: t
  labels:
    app: mon
spec:
  clusterIP: None
  selector:
    app: mon
  ports:
    - name: metrics
      port: 9464
      targetPort: metrics`,
    ServiceMonitor: `
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: mon
  namespace: t
spec:
  selector:
    matchLabels:
      app: mon
  endpoints:
    - port: metrics
      interval: 30s`,
    PodMonitor: `
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata:
  name: mon
  namespace: t
spec:
  selector:
    matchLabels:
      app: mon
  podMetricsEndpoints:
    - port: metrics
      interval: 30s`,
    NetworkPolicy: `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: mon
  namespace: t
spec:
  podSelector:
    matchLabels:
      app: mon
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: monitoring
      ports:
        - protocol: TCP
          port: 9464`,
};

// [name, baseline document, text to replace, replacement, expected message]
const CASES = [
    ["misspelled field", "DaemonSet", "hostNetwork: true", "hostNetwrok: true",
        /spec\.template\.spec\.hostNetwrok: field not in the schema/],
    ["misspelled top-level field", "NetworkPolicy", "\nspec:", "\nsepc:",
        /sepc: field not in the schema/],
    ["misspelled field in a CRD", "ServiceMonitor", "interval: 30s", "intervall: 30s",
        /endpoints\[0\]\.intervall: field not in the schema/],
    ["string where an integer goes", "DaemonSet", "containerPort: 9464", 'containerPort: "abc"',
        /ports\[0\]\.containerPort: must be integer/],
    ["unquoted number as an env value", "DaemonSet", 'value: "0x1000000"', "value: 0x1000000",
        /env\[0\]\.value: must be string/],
    ["missing required selector", "DaemonSet", "  selector:\n    matchLabels:\n      app: mon\n", "",
        /spec: must have required property selector/],
    ["value outside an enum", "NetworkPolicy", "protocol: TCP", "protocol: tcp",
        /ports\[0\]\.protocol: must be equal to one of the allowed values/],
    ["malformed duration in a CRD", "PodMonitor", "interval: 30s", "interval: 30 seconds",
        /podMetricsEndpoints\[0\]\.interval: must match pattern/],
    ["duplicate key", "Service", "  clusterIP: None\n", "  clusterIP: None\n  clusterIP: 10.0.0.1\n",
        /YAML: Map keys must be unique/],
    ["unknown kind", "DaemonSet", "kind: DaemonSet", "kind: Daemonset",
        /no validator for apiVersion apps\/v1 kind Daemonset/],
    ["removed apiVersion", "DaemonSet", "apiVersion: apps/v1", "apiVersion: extensions/v1beta1",
        /no validator for apiVersion extensions\/v1beta1/],
    ["no namespace on a namespaced kind", "PodMonitor", "  namespace: t\n", "",
        /metadata\.namespace: missing/],
    ["Service selecting no pod", "Service", "  selector:\n    app: mon", "  selector:\n    app: nope",
        /spec\.selector: selects no pod template/],
    ["ServiceMonitor naming a port the Service lacks", "ServiceMonitor", "- port: metrics", "- port: metric",
        /no port named metric in Service\/mon/],
].map(([name, kind, from, to, expect]) => ({ name, kind, from, to, expect }));

// Run the baseline and every case, printing "ok: self-test ..." or "FAIL: self-test ..." for each; returns the
// number that failed.
export function selfTest() {
    let failed = 0;
    const say = (ok, text) => {
        if (!ok) failed++;
        console.log(`${ok ? "ok" : "FAIL"}: self-test ${text}`);
    };
    const run = (texts) =>
        validateRecords(parseFiles(Object.entries(texts).map(([kind, text]) => ({ file: `<${kind}>`, text }))));

    const baseline = run(BASELINE).filter((r) => r.problems.length);
    say(!baseline.length, baseline.length
        ? `baseline rejected: ${baseline.map((r) => `${r.label}: ${r.problems.join("; ")}`).join(" | ")}`
        : `accepts the valid baseline (${Object.keys(BASELINE).join(", ")})`);

    for (const c of CASES) {
        const original = BASELINE[c.kind];
        if (original.split(c.from).length !== 2) {
            say(false, `${c.name}: the edit "${c.from}" does not match exactly once in the ${c.kind} baseline`);
            continue;
        }
        const problems = run({ ...BASELINE, [c.kind]: original.replace(c.from, c.to) }).flatMap((r) => r.problems);
        if (!problems.length) say(false, `${c.name}: accepted`);
        else if (!problems.some((p) => c.expect.test(p)))
            say(false, `${c.name}: rejected, but not for the expected reason ${c.expect}: ${problems.join("; ")}`);
        else say(true, `rejects ${c.name} (${problems.find((p) => c.expect.test(p))})`);
    }
    return failed;
}
