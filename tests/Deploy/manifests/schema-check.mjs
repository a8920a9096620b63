// Schema checks of one document against its kind's model: the model's own validator (types, formats, required
// fields, enums, patterns), and the strict check for fields the schema does not know.
//
// The models' validators accept unknown fields, so `hostNetwrok: true` would pass them (the API server rejects it
// under kubectl's strict field validation, or drops it silently). The strict check runs the same validator again
// over a Proxy of the document that records which properties it reads: a compiled validator reads every property
// its schema names and enumerates only maps (labels, resources.limits, ...), so a key it never read, in an object
// it did not enumerate, is not in the schema.

// A field path as a reader writes it: spec.template.spec.containers[0].ports[0].containerPort.
function pathText(segments) {
    const text = segments
        .map((s, i) =>
            typeof s === "number" || /^\d+$/.test(s)
                ? `[${s}]`
                : /^[A-Za-z_$][\w$-]*$/.test(s)
                  ? (i === 0 ? "" : ".") + s
                  : `[${JSON.stringify(s)}]`,
        )
        .join("");
    return text || "(document)";
}

// An ajv instancePath (/spec/ports/0/port, with ~1 for "/" and ~0 for "~") as path segments.
function instanceSegments(instancePath) {
    return instancePath
        .split("/")
        .slice(1)
        .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

// The model's own validation: one "path: message" per distinct schema error.
export function schemaProblems(model, doc) {
    try {
        new model(doc).validate();
        return [];
    } catch (e) {
        if (!Array.isArray(e.errors)) return [`validator failed: ${e.message}`];
        const lines = e.errors.map((err) => `${pathText(instanceSegments(err.instancePath))}: ${err.message}`);
        return [...new Set(lines)];
    }
}

// The strict check: one "path: field not in the schema" per key the validator neither read nor reached by
// enumerating its object.
export function unknownFields(model, doc) {
    const seen = new WeakMap(); // object -> { read: names read, map: enumerated }
    const proxies = new WeakMap(); // object -> its Proxy, so each object is wrapped once
    const note = (target) => {
        let r = seen.get(target);
        if (!r) seen.set(target, (r = { read: new Set(), map: false }));
        return r;
    };
    const wrap = (value) => {
        if (value === null || typeof value !== "object") return value;
        let proxy = proxies.get(value);
        if (!proxy) {
            proxy = new Proxy(value, {
                get(target, key, receiver) {
                    if (typeof key === "string") note(target).read.add(key);
                    return wrap(Reflect.get(target, key, receiver));
                },
                has(target, key) {
                    if (typeof key === "string") note(target).read.add(key);
                    return Reflect.has(target, key);
                },
                getOwnPropertyDescriptor(target, key) {
                    if (typeof key === "string") note(target).read.add(key);
                    return Reflect.getOwnPropertyDescriptor(target, key);
                },
                ownKeys(target) {
                    note(target).map = true;
                    return Reflect.ownKeys(target);
                },
            });
            proxies.set(value, proxy);
        }
        return proxy;
    };
    try {
        // validate() reads `this`; whether it passes is schemaProblems' business.
        model.prototype.validate.call(wrap(doc));
    } catch {
        // schema errors: schemaProblems reports them
    }
    const found = [];
    const walk = (value, segments) => {
        if (value === null || typeof value !== "object") return;
        if (Array.isArray(value)) {
            value.forEach((item, i) => walk(item, [...segments, i]));
            return;
        }
        const r = seen.get(value);
        for (const [key, child] of Object.entries(value)) {
            if (r && (r.map || r.read.has(key))) walk(child, [...segments, key]);
            else found.push(`${pathText([...segments, key])}: field not in the schema`);
        }
    };
    walk(doc, []);
    return found;
}
