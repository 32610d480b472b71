package domino

import (
	"bytes"
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

// ConfigNamespace is the Pulumi config namespace the examples read (dominoeks:natMode, ...).
const ConfigNamespace = "dominoeks"

// inputConfigKeys are the Args fields that take resource references; in stack
// config they are plain strings (or a JSON list of strings).
var inputConfigKeys = map[string]bool{"vpcId": true, "privateSubnetIds": true, "publicSubnetIds": true, "controlPlaneSubnetIds": true, "route53ZoneId": true}

// ConfigKeys lists every stack-config key DecodeConfig accepts, sorted.
func ConfigKeys() []string {
	var keys []string
	t := reflect.TypeFor[DominoEKSArgs]()
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("pulumi"), ",")
		keys = append(keys, name)
	}
	sort.Strings(keys)
	return keys
}

// configFields maps config keys to the type of their DominoEKSArgs field.
func configFields() map[string]reflect.Type {
	out := map[string]reflect.Type{}
	t := reflect.TypeFor[DominoEKSArgs]()
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("pulumi"), ",")
		out[name] = t.Field(i).Type
	}
	return out
}

// DecodeConfig turns stack-config values (key without namespace -> value as
// Pulumi stores it: plain strings, JSON for numbers, booleans, lists and
// objects) into DominoEKSArgs. Unknown keys and malformed values are errors
// naming the key path (defaultPool.maxSize), the value and the fix: keys are
// case-sensitive at every level, and a misspelt key gets the closest valid
// one suggested. It does not validate: call Validate.
func DecodeConfig(values map[string]string) (DominoEKSArgs, error) {
	var args DominoEKSArgs
	fields := configFields()
	obj := map[string]json.RawMessage{}
	for _, key := range slices.Sorted(maps.Keys(values)) {
		raw := values[key]
		if key == "name" {
			continue // the component name, read by DeployFromConfig
		}
		ft, known := fields[key]
		if !known {
			return args, unknownKey("", key, raw, "DominoEKS configuration key", ConfigKeys())
		}
		if inputConfigKeys[key] {
			if err := decodeInputKey(&args, key, raw); err != nil {
				return args, err
			}
			continue
		}
		if ft.Kind() == reflect.String {
			enc, _ := json.Marshal(raw)
			obj[key] = enc
			continue
		}
		if fe := checkShape(key, []byte(raw), ft); fe != nil {
			return args, fe
		}
		obj[key] = json.RawMessage(raw)
	}
	doc, _ := json.Marshal(obj)
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&args); err != nil {
		field := "config"
		var te *json.UnmarshalTypeError
		if ok := asTypeError(err, &te); ok {
			field = te.Field
			return args, &FieldError{Field: field, Value: te.Value, Problem: "has the wrong type (expected " + te.Type.String() + ")",
				Fix: "see the Args reference in the README for this setting's type"}
		}
		return args, &FieldError{Field: field, Value: err.Error(), Problem: "could not be decoded", Fix: "check the setting names and types against the README"}
	}
	return args, nil
}

func asTypeError(err error, target **json.UnmarshalTypeError) bool {
	te, ok := err.(*json.UnmarshalTypeError)
	if ok {
		*target = te
	}
	return ok
}

func decodeInputKey(args *DominoEKSArgs, key, raw string) error {
	list := func() (pulumi.StringArray, error) {
		var ids []string
		if strings.HasPrefix(strings.TrimSpace(raw), "[") {
			if err := json.Unmarshal([]byte(raw), &ids); err != nil {
				return nil, &FieldError{Field: key, Value: raw, Problem: "is not a list of strings", Fix: `write it as a list, e.g. ["subnet-1", "subnet-2"]`}
			}
		} else {
			for _, s := range strings.Split(raw, ",") {
				if s = strings.TrimSpace(s); s != "" {
					ids = append(ids, s)
				}
			}
		}
		return pulumi.ToStringArray(ids), nil
	}
	var err error
	switch key {
	case "vpcId":
		args.VpcId = pulumi.StringPtr(raw)
	case "route53ZoneId":
		args.Route53ZoneId = pulumi.StringPtr(raw)
	case "privateSubnetIds":
		var l pulumi.StringArray
		l, err = list()
		args.PrivateSubnetIds = l
	case "publicSubnetIds":
		var l pulumi.StringArray
		l, err = list()
		args.PublicSubnetIds = l
	case "controlPlaneSubnetIds":
		var l pulumi.StringArray
		l, err = list()
		args.ControlPlaneSubnetIds = l
	}
	return err
}

// ArgsFromConfig reads DominoEKSArgs from the stack configuration under
// namespace (normally ConfigNamespace), e.g. `pulumi config set dominoeks:natMode single`.
func ArgsFromConfig(ctx *pulumi.Context, namespace string) (DominoEKSArgs, error) {
	values := map[string]string{}
	for _, key := range ConfigKeys() {
		if v := config.Get(ctx, namespace+":"+key); v != "" {
			values[key] = v
		}
	}
	return DecodeConfig(values)
}
