package domino

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/efs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// accessPointSpec is the datasets EFS access point: its root directory and
// the POSIX identity that owns it and makes every request through it.
type accessPointSpec struct {
	Path        string
	UID, GID    int
	Permissions string
}

// newAccessPoint creates the datasets access point. Its root directory is
// below "/", so it carries creation info: EFS creates the directory with that
// owner and mode on first mount; without it, mounts through the access point
// fail until someone creates the directory. EFS user guide, "Creating the
// root directory for an access point",
// https://docs.aws.amazon.com/efs/latest/ug/create-access-point.html#creating-access-point-root-dir
func newAccessPoint(ctx *pulumi.Context, s spec, fs *efs.FileSystem, opts ...pulumi.ResourceOption) (*efs.AccessPoint, error) {
	ap := s.AccessPoint
	root := &efs.AccessPointRootDirectoryArgs{Path: pulumi.String(ap.Path)}
	if ap.Path != "/" {
		root.CreationInfo = &efs.AccessPointRootDirectoryCreationInfoArgs{
			OwnerUid: pulumi.Int(ap.UID), OwnerGid: pulumi.Int(ap.GID), Permissions: pulumi.String(ap.Permissions),
		}
	}
	out, err := efs.NewAccessPoint(ctx, s.Name+"-datasets", &efs.AccessPointArgs{
		FileSystemId:  fs.ID(),
		PosixUser:     &efs.AccessPointPosixUserArgs{Uid: pulumi.Int(ap.UID), Gid: pulumi.Int(ap.GID)},
		RootDirectory: root,
		Tags:          tagsWith(s, map[string]string{"Name": s.Name + "-datasets"}),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("EFS access point %s: %w", ap.Path, err)
	}
	return out, nil
}
