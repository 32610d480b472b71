package checker

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/mototest"
)

// One moto_server is shared by every test of the package; tests reset its
// state through the moto API instead of restarting it.
var moto struct {
	once   sync.Once
	server *mototest.Server
	err    error
}

func TestMain(m *testing.M) {
	code := m.Run()
	moto.server.Stop()
	os.Exit(code)
}

// motoURL starts moto_server on first use and returns its base URL. The test
// fails when moto_server is not installed or does not come up.
func motoURL(t *testing.T) string {
	t.Helper()
	moto.once.Do(func() {
		moto.server, moto.err = mototest.StartServer(mototest.Options{Env: []string{"MOTO_IAM_LOAD_MANAGED_POLICIES=true"}})
	})
	if moto.err != nil {
		t.Fatalf("moto is required for this test: %v", moto.err)
	}
	return moto.server.Endpoint
}

// useMoto points the AWS SDK at moto through the environment only, the way
// a user would (AWS_ENDPOINT_URL is read natively by config.LoadDefaultConfig),
// and isolates the test from any real AWS configuration.
func useMoto(t *testing.T) string {
	t.Helper()
	url := motoURL(t)
	none := filepath.Join(t.TempDir(), "none")
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL":            url,
		"AWS_ENDPOINT_URL_S3":         "",
		"AWS_ACCESS_KEY_ID":           mototest.AccessKeyID,
		"AWS_SECRET_ACCESS_KEY":       mototest.SecretAccessKey,
		"AWS_SESSION_TOKEN":           "",
		"AWS_PROFILE":                 "",
		"AWS_REGION":                  testRegion,
		"AWS_DEFAULT_REGION":          testRegion,
		"AWS_CONFIG_FILE":             none,
		"AWS_SHARED_CREDENTIALS_FILE": none,
		"AWS_EC2_METADATA_DISABLED":   "true",
	} {
		t.Setenv(k, v)
	}
	return url
}

// resetMoto wipes all moto state.
func resetMoto(t *testing.T, url string) {
	t.Helper()
	mototest.Reset(t, url)
}
