// trim.js keeps what the Go tests read from gen.js's output:
//   npm ci && node gen.js | node trim.js > ../../internal/preview/testdata/pulumi-eks-2.8.1.json
const chunks = [];
process.stdin.on("data", (c) => chunks.push(c));
process.stdin.on("end", () => {
    const d = JSON.parse(Buffer.concat(chunks).toString());
    const keep = {};
    for (const v of ["a", "b", "c-role", "d", "e"]) {
        const x = d.variants[v];
        keep[v] = {
            doc: x.doc,
            children: x.children.map((c) => ({
                type: c.type, name: c.name, parent: c.parent, custom: c.custom, inputs: c.inputs,
                dependsOn: c.dependsOn, ignoreChanges: c.ignoreChanges, source: c.source,
            })),
            outputTypes: x.constructStateTypes,
            kubeconfigJson: x.constructState.kubeconfigJson,
            externalCommands: x.externalCommands,
        };
    }
    const out = { generatedBy: d.generatedBy, versions: d.versions, conventions: d.conventions, schemaOutputs: d.schemaOutputs, variants: keep };
    process.stdout.write(sortedJSON(out) + "\n");
});

function sortedJSON(v) {
    return JSON.stringify(sortKeys(v), null, 1);
}

function sortKeys(v) {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v && typeof v === "object") {
        return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
    }
    return v;
}
