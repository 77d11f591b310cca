package main

import (
	"context"
	"log"
	"net/http"
)

var (
	githubToken  = "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"
	spacesToken  = "dop_v1_8791d30cd61868ff32d064663087c1be148aa88258924a9bc907931bfe177928"
	mirrorTarget = "https://git.internal.example.com/mirror"
)

func main() {
	ctx := context.Background()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.github.com/orgs/example/repos", nil)
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+githubToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	log.Printf("mirror to %s: %s (spaces token set: %t)", mirrorTarget, resp.Status, spacesToken != "")
}
