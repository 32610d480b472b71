package main

import "fmt"

// onceString is a string flag that may be given once: a second --config
// would otherwise silently replace the first. Plan reads one stack file
// (as `pulumi up` reads one stack); overrides go through --set.
type onceString struct {
	value *string
	set   bool
}

func newOnceString(p *string) *onceString { return &onceString{value: p} }

func (o *onceString) String() string {
	if o.value == nil {
		return ""
	}
	return *o.value
}

func (o *onceString) Set(v string) error {
	if o.set {
		return fmt.Errorf("given twice (first %q): one stack file is read, as `pulumi up` reads one stack; merge the files, or put the differences in --set key=value", *o.value)
	}
	*o.value, o.set = v, true
	return nil
}

func (o *onceString) Type() string { return "FILE" }
