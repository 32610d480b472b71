package checker

import (
	"context"
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

// probeConnectSeconds is how long one client waits for the server's answer.
const probeConnectSeconds = 3

// podConnector is the real Connector: each attempt is a client pod running
// busybox wget against the address; its exit status says whether it
// reached the server and its log what it saw. The pod is deleted after
// the attempt.
type podConnector struct {
	kube  kubernetes.Interface
	image string
	t     probeTimings
}

// Reach runs one client pod to completion.
func (c *podConnector) Reach(ctx context.Context, from PodRef, addr string) (bool, string, error) {
	pods := c.kube.CoreV1().Pods(from.Namespace)
	url := "http://" + addr + "/"
	pod := probePod(from.Name, probeClientApp, c.image, []string{"wget", "-q", "-O", "-", "-T", fmt.Sprint(probeConnectSeconds), url})
	if err := c.call(ctx, func(cc context.Context) error {
		_, err := pods.Create(cc, pod, metav1.CreateOptions{})
		return err
	}); err != nil {
		return false, "", fmt.Errorf("create client pod %s: %w", from, err)
	}
	defer func() {
		// A fresh context: the attempt's may have ended. The probe's
		// clean-up deletes what this misses.
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.t.call)
		defer cancel()
		_ = pods.Delete(dctx, from.Name, deleteNow())
	}()
	done, err := c.waitDone(ctx, from)
	if err != nil {
		return false, "", err
	}
	code, ok := exitCode(done)
	if !ok {
		return false, "", fmt.Errorf("client pod %s ended %s without an exit status", from, done.Status.Phase)
	}
	ev := fmt.Sprintf("wget %s exited %d", url, code)
	if log := c.log(ctx, from); log != "" {
		ev += ": " + log
	}
	return code == 0, ev, nil
}

func (c *podConnector) call(ctx context.Context, fn func(context.Context) error) error {
	cctx, cancel := context.WithTimeout(ctx, c.t.call)
	defer cancel()
	return fn(cctx)
}

// waitDone polls the client pod until it has ended, for at most the time
// a pod gets to start (image pull included).
func (c *podConnector) waitDone(ctx context.Context, from PodRef) (*corev1.Pod, error) {
	wctx, cancel := context.WithTimeout(ctx, c.t.serverReady)
	defer cancel()
	state := "never observed"
	for {
		var pod *corev1.Pod
		err := c.call(wctx, func(cc context.Context) (err error) {
			pod, err = c.kube.CoreV1().Pods(from.Namespace).Get(cc, from.Name, metav1.GetOptions{})
			return err
		})
		switch {
		case err == nil && (pod.Status.Phase == corev1.PodSucceeded || pod.Status.Phase == corev1.PodFailed):
			return pod, nil
		case err == nil:
			state = podState(pod)
		case wctx.Err() == nil:
			return nil, fmt.Errorf("get client pod %s: %w", from, err)
		}
		if err := sleep(wctx, c.t.interval); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("client pod %s did not finish within %s: %s", from, c.t.serverReady, state)
		}
	}
}

// exitCode is the exit status of the pod's container.
func exitCode(pod *corev1.Pod) (int32, bool) {
	for _, cs := range pod.Status.ContainerStatuses {
		if cs.State.Terminated != nil {
			return cs.State.Terminated.ExitCode, true
		}
	}
	return 0, false
}

// log is the start of the client's output (the page or wget's error); it is
// evidence only, so a failure to read it leaves it out.
func (c *podConnector) log(ctx context.Context, from PodRef) string {
	var raw []byte
	_ = c.call(ctx, func(cc context.Context) (err error) {
		raw, err = c.kube.CoreV1().Pods(from.Namespace).GetLogs(from.Name, &corev1.PodLogOptions{LimitBytes: probeRef[int64](200)}).Do(cc).Raw()
		return err
	})
	return strings.Join(strings.Fields(string(raw)), " ")
}
