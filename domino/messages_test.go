package domino_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dominoeks/pulumi-dominoeks/domino"
)

// TestMessagesFitTheMistake: a refused setting gets the fix for the mistake
// made: a boolean hint for yes, the written-out number for 1e2, a long value
// shortened and echoed once, the setting the user wrote named (vpcCidr, not
// the privateSubnetCidrs derived from it).
func TestMessagesFitTheMistake(t *testing.T) {
	tests := []struct {
		name   string
		config map[string]string
		want   []string
		not    []string
	}{
		{"yes for a boolean", map[string]string{"createKmsKey": "yes"},
			[]string{`createKmsKey = "yes": is not a boolean`, "write true or false", "(for yes, write true)"}, []string{"JSON"}},
		{"off for a boolean", map[string]string{"endpointPublicAccess": "off"}, []string{"(for off, write false)"}, nil},
		{"exponent for a whole number", map[string]string{"logRetentionDays": "1e2"},
			[]string{"logRetentionDays = 1e2: is not a whole number", "write it without an exponent or decimal point: 100"}, nil},
		{"JSON whose quotes a shell removed", map[string]string{"availabilityZones": "[us-west-2a]"},
			[]string{"is not valid JSON for this setting", "quote the whole argument, e.g. --set 'availabilityZones=[\"a\",\"b\"]'"}, nil},
		{"fraction for a whole number", map[string]string{"defaultPool": `{"maxSize":1.5}`},
			[]string{"defaultPool.maxSize = 1.5: is not a whole number", "write a whole number"}, []string{"exponent"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := domino.DecodeConfig(tc.config)
			require.Error(t, err)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
			for _, n := range tc.not {
				assert.NotContains(t, err.Error(), n)
			}
		})
	}
}

// TestDerivedBucketNamesNameTheSettingWritten: a cluster name S3 would
// refuse in bucket names is valid for EKS, so the derived names are cleaned
// (the derived-name table), never refused; a bucketPrefix the user wrote that
// makes a too-long access-log bucket name is named as bucketPrefix.
func TestDerivedBucketNamesNameTheSettingWritten(t *testing.T) {
	require.NoError(t, domino.DominoEKSArgs{ClusterName: "domino_x"}.Validate())

	err := domino.DominoEKSArgs{BucketPrefix: strings.Repeat("b", 54)}.Validate()
	require.Error(t, err)
	assert.Contains(t, err.Error(), `bucketPrefix = "`+strings.Repeat("b", 54)+`": makes the bucket name `+strings.Repeat("b", 54)+"-monitoring")
	assert.NotContains(t, err.Error(), "monitoringBucketName =")
}

func TestLongValuesAreShortenedAndEchoedOnce(t *testing.T) {
	long := strings.Repeat("a", 100000)
	err := domino.DominoEKSArgs{ClusterName: long}.Validate()
	require.Error(t, err)
	msg := err.Error()
	assert.Less(t, len(msg), 2000, "a 100,000-character value is not echoed whole")
	assert.Equal(t, 1, strings.Count(msg, `clusterName = "aaaa`), "the value is shown once:\n%s", msg)
	assert.Contains(t, msg, "(100000 characters)")

	assert.Equal(t, "short", domino.Shorten("short"))
	url := "https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html#pull-through-cache-iam-permissions"
	fe := &domino.FieldError{Field: "f", Value: "v", Problem: "see " + url + " " + strings.Repeat("x", 200), Fix: "fix"}
	assert.Contains(t, fe.Error(), url, "cited sources are not shortened")
	assert.NotContains(t, fe.Error(), strings.Repeat("x", 200))
	assert.Equal(t, strings.Repeat("a", domino.MaxEchoed-20)+"… (100000 characters)", domino.Shorten(long))
}
