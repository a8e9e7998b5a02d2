// Package e2e tests the generated Go client against a live quantspan server: it starts
// `quantspan serve --port 0` (QUANTSPAN_BIN, else the repository's .venv/bin/quantspan), reads
// the "listening on HOST:PORT" line and calls the server on 127.0.0.1.
package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"

	quantspanv1 "github.com/quantspan/quantspan/clients/go/quantspan/v1"
)

const seedName = "000_d0e80a7b2713b16c"

// repoRoot is the quantspan repository: this file is clients/go/e2e/.
func repoRoot(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Clean(filepath.Join(wd, "..", "..", ".."))
}

func quantspanBin(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv("QUANTSPAN_BIN"); bin != "" {
		return bin
	}
	bin := filepath.Join(repoRoot(t), ".venv", "bin", "quantspan")
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("no quantspan to start: run `make install` or set QUANTSPAN_BIN (%v)", err)
	}
	return bin
}

// startServer runs `quantspan serve` on 127.0.0.1, a free port, one worker; returns its target.
func startServer(t *testing.T) string {
	t.Helper()
	cmd := exec.Command(quantspanBin(t), "serve", "--host", "127.0.0.1", "--port", "0",
		"--workers", "1", "--grace-seconds", "1")
	if testing.Verbose() {
		cmd.Stderr = os.Stderr // the server's log
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	})

	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- strings.TrimSpace(line)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case line := <-lines:
		target, ok := strings.CutPrefix(line, "listening on ")
		if !ok {
			t.Fatalf("first stdout line %q is not 'listening on HOST:PORT'", line)
		}
		return target
	case err := <-exited:
		t.Fatalf("quantspan serve exited before listening: %v", err)
	case <-time.After(90 * time.Second):
		t.Fatal("quantspan serve did not print 'listening on' within 90s")
	}
	return ""
}

func dial(t *testing.T, target string) quantspanv1.QuantityServiceClient {
	t.Helper()
	conn, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	health, err := healthpb.NewHealthClient(conn).Check(ctx,
		&healthpb.HealthCheckRequest{Service: "quantspan.v1.QuantityService"}, grpc.WaitForReady(true))
	if err != nil {
		t.Fatal(err)
	}
	if health.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("health is %v", health.GetStatus())
	}
	return quantspanv1.NewQuantityServiceClient(conn)
}

// expected is one quantity of seeds/*.expected.json (offsets in code points).
type expected struct {
	Text          string   `json:"text"`
	Start         int      `json:"start"`
	End           int      `json:"end"`
	Kind          string   `json:"kind"`
	Modifier      string   `json:"modifier"`
	Approximate   bool     `json:"approximate"`
	Value         *float64 `json:"value"`
	Low           *float64 `json:"low"`
	High          *float64 `json:"high"`
	LowInclusive  bool     `json:"low_inclusive"`
	HighInclusive bool     `json:"high_inclusive"`
	Unit          struct {
		Name         string `json:"name"`
		Symbol       string `json:"symbol"`
		Dimension    string `json:"dimension"`
		CurrencyCode string `json:"currency_code"`
	} `json:"unit"`
	Quantified string `json:"quantified"`
}

func readSeed(t *testing.T) (string, []expected) {
	t.Helper()
	dir := filepath.Join(repoRoot(t), "seeds")
	text, err := os.ReadFile(filepath.Join(dir, seedName+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, seedName+".expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want []expected
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	return string(text), want
}

func checkNumber(t *testing.T, what string, got *float64, want *float64) {
	t.Helper()
	switch {
	case want == nil && got != nil:
		t.Errorf("%s: got %v, want absent", what, *got)
	case want != nil && got == nil:
		t.Errorf("%s: absent, want %v", what, *want)
	case want != nil && *got != *want:
		t.Errorf("%s: got %v, want %v", what, *got, *want)
	}
}

func TestExtractSeedArticle(t *testing.T) {
	client := dial(t, startServer(t))
	text, want := readSeed(t)
	if len(want) != 13 {
		t.Fatalf("the seed golden file has %d quantities, want 13", len(want))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp, err := client.Extract(ctx, &quantspanv1.ExtractRequest{Text: text, RequestId: "seed"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetRequestId() != "seed" || resp.GetRulesVersion() == "" {
		t.Errorf("request_id %q, rules_version %q", resp.GetRequestId(), resp.GetRulesVersion())
	}
	got := resp.GetQuantities()
	if len(got) != len(want) {
		t.Fatalf("got %d quantities, want %d", len(got), len(want))
	}
	for i, q := range got {
		w := want[i]
		span := q.GetSpan()
		// Go strings are UTF-8: the utf8_* offsets slice the surface text exactly.
		if s := text[span.GetUtf8Start():span.GetUtf8End()]; s != w.Text || q.GetText() != w.Text {
			t.Errorf("#%d: text[utf8_start:utf8_end] = %q, text %q, want %q", i, s, q.GetText(), w.Text)
		}
		// ... and they agree with the code-point offsets of the golden file.
		if start := utf8.RuneCountInString(text[:span.GetUtf8Start()]); start != w.Start || int(span.GetStart()) != w.Start {
			t.Errorf("#%d %q: code-point start %d (span.start %d), want %d", i, w.Text, start, span.GetStart(), w.Start)
		}
		if end := utf8.RuneCountInString(text[:span.GetUtf8End()]); end != w.End || int(span.GetEnd()) != w.End {
			t.Errorf("#%d %q: code-point end %d (span.end %d), want %d", i, w.Text, end, span.GetEnd(), w.End)
		}
		if q.GetKind().String() != w.Kind || q.GetModifier().String() != w.Modifier {
			t.Errorf("#%d %q: %v %v, want %s %s", i, w.Text, q.GetKind(), q.GetModifier(), w.Kind, w.Modifier)
		}
		if q.GetApproximate() != w.Approximate {
			t.Errorf("#%d %q: approximate %v", i, w.Text, q.GetApproximate())
		}
		checkNumber(t, w.Text+" value", q.Value, w.Value)
		checkNumber(t, w.Text+" low", q.Low, w.Low)
		checkNumber(t, w.Text+" high", q.High, w.High)
		if q.GetLowInclusive() != w.LowInclusive || q.GetHighInclusive() != w.HighInclusive {
			t.Errorf("#%d %q: inclusive %v/%v", i, w.Text, q.GetLowInclusive(), q.GetHighInclusive())
		}
		u := q.GetUnit()
		if u.GetName() != w.Unit.Name || u.GetDimension() != w.Unit.Dimension || u.GetCurrencyCode() != w.Unit.CurrencyCode {
			t.Errorf("#%d %q: unit %v, want %+v", i, w.Text, u, w.Unit)
		}
		if q.GetQuantified() != w.Quantified {
			t.Errorf("#%d %q: quantified %q, want %q", i, w.Text, q.GetQuantified(), w.Quantified)
		}
	}
}

func TestStreamInfoAndErrors(t *testing.T) {
	client := dial(t, startServer(t))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	info, err := client.GetInfo(ctx, &quantspanv1.GetInfoRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if info.GetInstance() == "" || info.GetLimits().GetMaxTextChars() <= 0 || len(info.GetKinds()) != 5 {
		t.Errorf("GetInfo: %v", info)
	}

	stream, err := client.ExtractStream(ctx)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"3 km", "Naïve 😀 at least 3,800 troops", ""}
	for i, text := range texts {
		if err := stream.Send(&quantspanv1.ExtractRequest{Text: text, RequestId: string(rune('a' + i))}); err != nil {
			t.Fatal(err)
		}
	}
	if err := stream.CloseSend(); err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			if i != len(texts) {
				t.Errorf("%d responses, want %d", i, len(texts))
			}
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if resp.GetRequestId() != string(rune('a'+i)) {
			t.Errorf("response %d has request_id %q", i, resp.GetRequestId())
		}
		for _, q := range resp.GetQuantities() {
			if s := texts[i][q.GetSpan().GetUtf8Start():q.GetSpan().GetUtf8End()]; s != q.GetText() {
				t.Errorf("utf8 slice %q != %q", s, q.GetText())
			}
		}
	}

	// An invalid filter: INVALID_ARGUMENT with ErrorInfo and BadRequest details.
	_, err = client.Extract(ctx, &quantspanv1.ExtractRequest{
		Text: "3 km", RequestId: "bad", Kinds: []quantspanv1.Kind{quantspanv1.Kind_KIND_UNSPECIFIED},
	})
	st := status.Convert(err)
	if st.Code() != codes.InvalidArgument {
		t.Fatalf("got %v, want INVALID_ARGUMENT", err)
	}
	var reason, field string
	for _, d := range st.Details() {
		switch d := d.(type) {
		case *errdetails.ErrorInfo:
			reason = d.GetReason() + "/" + d.GetDomain() + "/" + d.GetMetadata()["request_id"]
		case *errdetails.BadRequest:
			field = d.GetFieldViolations()[0].GetField()
		}
	}
	if reason != "INVALID_REQUEST/quantspan/bad" || field != "kinds[0]" {
		t.Errorf("details: ErrorInfo %q, BadRequest field %q", reason, field)
	}
}
