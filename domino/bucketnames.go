package domino

// AccountPlaceholder stands for the AWS account id in default bucket names
// (see BucketNames); the deployment replaces it with the caller's account.
const AccountPlaceholder = accountPlaceholder

// BucketNames returns the names of the blobs, logs and backups buckets the
// component named name creates, keyed by BucketBlobs, BucketLogs and
// BucketBackups. Default names contain AccountPlaceholder, which only the
// deployment (or a pre-flight that knows the caller) can resolve.
func (a DominoEKSArgs) BucketNames(name string) map[string]string {
	s := a.resolve(name)
	return map[string]string{BucketBlobs: s.BlobsBucket, BucketLogs: s.LogsBucket, BucketBackups: s.BackupsBucket}
}
