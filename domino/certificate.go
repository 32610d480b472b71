package domino

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/acm"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// newCertificate issues a DNS-validated ACM certificate for the hostname when a
// Route 53 zone is given, and returns its ARN once validated ("" otherwise).
func newCertificate(ctx *pulumi.Context, s spec, opts ...pulumi.ResourceOption) (pulumi.StringOutput, error) {
	if s.Hostname == "" || s.route53ZoneID == nil {
		return pulumi.String("").ToStringOutput(), nil
	}
	n := s.Name
	cert, err := acm.NewCertificate(ctx, n+"-cert", &acm.CertificateArgs{
		DomainName:       pulumi.String(s.Hostname),
		ValidationMethod: pulumi.String("DNS"),
		Tags:             tagsWith(s, map[string]string{"Name": s.Hostname}),
	}, opts...)
	if err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("certificate %s: %w", s.Hostname, err)
	}
	dvo := cert.DomainValidationOptions.Index(pulumi.Int(0))
	record, err := route53.NewRecord(ctx, n+"-cert-validation", &route53.RecordArgs{
		ZoneId:         s.route53ZoneID.ToStringPtrOutput().Elem(),
		Name:           dvo.ResourceRecordName().Elem(),
		Type:           dvo.ResourceRecordType().Elem(),
		Records:        pulumi.StringArray{dvo.ResourceRecordValue().Elem()},
		Ttl:            pulumi.Int(60),
		AllowOverwrite: pulumi.Bool(true),
	}, opts...)
	if err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("certificate validation record: %w", err)
	}
	validation, err := acm.NewCertificateValidation(ctx, n+"-cert", &acm.CertificateValidationArgs{
		CertificateArn:        cert.Arn,
		ValidationRecordFqdns: pulumi.StringArray{record.Fqdn},
	}, opts...)
	if err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("certificate validation: %w", err)
	}
	return validation.CertificateArn, nil
}
