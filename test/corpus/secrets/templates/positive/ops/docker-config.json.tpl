{
	"auths": {
		"https://index.docker.io/v1/": {
			"auth": "⟦b64-dockerhub⟧"
		},
		"ghcr.io": {}
	},
	"credsStore": "",
	"currentContext": "default"
}
