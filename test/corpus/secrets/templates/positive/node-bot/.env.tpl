# firebase-admin credentials for push notifications
FIREBASE_PROJECT_ID=bot-notify-4821
FIREBASE_CLIENT_EMAIL=firebase-adminsdk-x1y2z@bot-notify-4821.iam.gserviceaccount.com
FIREBASE_PRIVATE_KEY="⟦private-key rsa-pkcs8 escaped⟧"
