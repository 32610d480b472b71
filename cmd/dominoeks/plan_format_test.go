package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/dominoeks/pulumi-dominoeks/internal/plan"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMoney(t *testing.T) {
	for v, want := range map[float64]string{
		0: "$0.00", 3.65: "$3.65", 1681.92: "$1,681.92", 20664.336: "$20,664.34", 1234567.8: "$1,234,567.80", -12.5: "-$12.50",
	} {
		assert.Equal(t, want, money(v), v)
	}
}

func TestPrice(t *testing.T) {
	for v, want := range map[float64]string{0.1: "$0.10", 0.005: "$0.005", 0.384: "$0.384", 3: "$3.00"} {
		assert.Equal(t, want, price(v), v)
	}
}

func TestDisplayType(t *testing.T) {
	for typ, want := range map[string]string{
		"aws:ec2/vpc:Vpc":                           "aws:ec2:Vpc",
		"aws:eks/nodeGroup:NodeGroup":               "aws:eks:NodeGroup",
		"eks:index:Cluster":                         "eks:index:Cluster",
		"kubernetes:storage.k8s.io/v1:StorageClass": "kubernetes:storage.k8s.io/v1:StorageClass",
		"pulumi:providers:kubernetes":               "pulumi:providers:kubernetes",
		"odd":                                       "odd",
	} {
		assert.Equal(t, want, displayType(typ), typ)
	}
}

func TestColor(t *testing.T) {
	assert.False(t, colorEnabled(&bytes.Buffer{}, false), "not a terminal")
	assert.False(t, colorEnabled(os.Stdout, true), "--no-color")
	t.Setenv("NO_COLOR", "1")
	assert.False(t, colorEnabled(os.Stdout, false), "NO_COLOR")

	p, err := plan.Build(plan.Options{})
	require.NoError(t, err)
	var colored, plain bytes.Buffer
	require.NoError(t, writePlanText(&colored, p, true))
	require.NoError(t, writePlanText(&plain, p, false))
	assert.Contains(t, colored.String(), ansiBold)
	assert.NotContains(t, plain.String(), "\x1b[")
	stripped := strings.NewReplacer(ansiBold, "", ansiDim, "", ansiYellow, "", ansiReset, "").Replace(colored.String())
	assert.Equal(t, plain.String(), stripped, "colour changes nothing but escape codes")
}

func TestPlanNoColorFlag(t *testing.T) {
	stdout, _, code := runCLI(t, "plan", "--no-color")
	require.Equal(t, 0, code)
	assert.NotContains(t, stdout, "\x1b[")
}
