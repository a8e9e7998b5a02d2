// Command quantspan-example extracts the quantities of a text with a running quantspan server
// and prints each with the bytes its UTF-8 offsets select.
//
//	go run ./cmd/quantspan-example -addr 127.0.0.1:50051 "At least 3,800 troops walked 12 km."
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	quantspanv1 "github.com/quantspan/quantspan/clients/go/quantspan/v1"
)

// retryServiceConfig retries UNAVAILABLE, as quantspan.client.RETRY_SERVICE_CONFIG does.
const retryServiceConfig = `{"methodConfig": [{"name": [{"service": "quantspan.v1.QuantityService"}],
  "retryPolicy": {"maxAttempts": 4, "initialBackoff": "0.1s", "maxBackoff": "2s",
                  "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"]}}]}`

// maxResponseBytes is the receive limit of the example's calls, as the Python client's.
const maxResponseBytes = 256 << 20

func main() {
	addr := flag.String("addr", "127.0.0.1:50051", "quantspan server, HOST:PORT or a gRPC target such as dns:///quantspan:50051")
	timeout := flag.Duration("timeout", 10*time.Second, "deadline of the call")
	flag.Parse()

	text := strings.Join(flag.Args(), " ")
	if text == "" {
		data, err := io.ReadAll(os.Stdin)
		if err != nil {
			log.Fatal(err)
		}
		text = string(data)
	}

	conn, err := grpc.NewClient(*addr,
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultServiceConfig(retryServiceConfig),
		// A response can be far larger than its text (up to 90 bytes per character of a dense
		// list of numbers), past grpc-go's default receive limit of 4 MiB.
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(maxResponseBytes)))
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	client := quantspanv1.NewQuantityServiceClient(conn)

	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	resp, err := client.Extract(ctx, &quantspanv1.ExtractRequest{Text: text, RequestId: "example"})
	if err != nil {
		log.Fatal(err)
	}
	for _, q := range resp.GetQuantities() {
		// Go strings are UTF-8 bytes: slice them with the utf8_* offsets.
		surface := text[q.GetSpan().GetUtf8Start():q.GetSpan().GetUtf8End()]
		fmt.Printf("%-28q %-11s %-11s", surface, q.GetKind(), q.GetModifier())
		if q.Value != nil {
			fmt.Printf(" value=%g", q.GetValue())
		}
		if q.Low != nil {
			fmt.Printf(" low=%g", q.GetLow())
		}
		if q.High != nil {
			fmt.Printf(" high=%g", q.GetHigh())
		}
		if u := q.GetUnit(); u.GetSymbol() != "" || u.GetName() != "" {
			fmt.Printf(" unit=%s", u.GetName())
		}
		if q.GetQuantified() != "" {
			fmt.Printf(" of %q", q.GetQuantified())
		}
		fmt.Println()
	}
}
