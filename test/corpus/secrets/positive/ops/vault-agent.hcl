vault {
  address = "https://vault.internal.example.com:8200"
}

auto_auth {
  method "token_file" {
    config = {
      token_file_path = "/etc/vault/agent-token"
    }
  }
}

# TODO remove once the AppRole migration is done
template_config {
  static_secret_render_interval = "5m"
}

token = "hvs.CAESI4LBXM52etCFUUu-L_bthYn3kJSbkV7KLZEBC3eC18fGYeK0MXU_0FntehUHSJdUIsbxCdMI1khRhapPjwOym2qCGkx"
