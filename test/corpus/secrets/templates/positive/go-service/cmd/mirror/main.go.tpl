package main

import (
	"context"
	"log"
	"net/http"
)

var (
	githubToken  = "⟦github-pat⟧"
	spacesToken  = "⟦do-token dop⟧"
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
