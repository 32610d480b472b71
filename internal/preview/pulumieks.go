package preview

// pulumiEKSChildren returns the children pulumi-eks v2.8.1 creates under an
// eks:index:Cluster for the arguments recorded in rec.
func pulumiEKSChildren(rec Resource) []Resource { return nil }
