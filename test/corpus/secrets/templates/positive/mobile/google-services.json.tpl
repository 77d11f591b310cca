{
  "project_info": {
    "project_number": "⟦digits 12⟧",
    "project_id": "shop-mobile-7731e",
    "storage_bucket": "shop-mobile-7731e.appspot.com"
  },
  "client": [
    {
      "client_info": {
        "mobilesdk_app_id": "1:⟦digits 12⟧:android:⟦hex 22⟧",
        "android_client_info": {
          "package_name": "com.example.shop"
        }
      },
      "oauth_client": [
        {
          "client_id": "⟦google-client-id⟧", ⟪neg identifier⟫
          "client_type": 3
        }
      ],
      "api_key": [
        {
          "current_key": "⟦gcp-api-key⟧"
        }
      ]
    }
  ],
  "configuration_version": "1"
}
