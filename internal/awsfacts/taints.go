package awsfacts

// taintEffects pairs the EKS API's spelling of each taint effect with
// Kubernetes'. Sources: EKS API Reference, Taint
// (https://docs.aws.amazon.com/eks/latest/APIReference/API_Taint.html:
// NO_SCHEDULE | NO_EXECUTE | PREFER_NO_SCHEDULE); Kubernetes core/v1
// TaintEffect (NoSchedule, PreferNoSchedule, NoExecute).
var taintEffects = [...]struct{ eks, kubernetes string }{
	{"NO_SCHEDULE", "NoSchedule"},
	{"PREFER_NO_SCHEDULE", "PreferNoSchedule"},
	{"NO_EXECUTE", "NoExecute"},
}

// KubernetesTaintEffect returns Kubernetes' spelling of an EKS API taint
// effect; ok is false for a value the EKS API does not define.
func KubernetesTaintEffect(eks string) (string, bool) {
	for _, e := range taintEffects {
		if e.eks == eks {
			return e.kubernetes, true
		}
	}
	return "", false
}

// EKSTaintEffect returns the EKS API's spelling of a Kubernetes taint
// effect; ok is false for a value Kubernetes does not define.
func EKSTaintEffect(kubernetes string) (string, bool) {
	for _, e := range taintEffects {
		if e.kubernetes == kubernetes {
			return e.eks, true
		}
	}
	return "", false
}
