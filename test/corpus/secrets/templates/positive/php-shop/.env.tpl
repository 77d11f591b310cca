APP_NAME=Shop
APP_ENV=production
APP_KEY=base64:⟦b64secret 32⟧
APP_DEBUG=false
APP_URL=https://shop.example.com

DB_CONNECTION=mysql
DB_HOST=mysql.internal
DB_PORT=3306
DB_DATABASE=shop
DB_USERNAME=shop
DB_PASSWORD=⟦password 22 alnum⟧
DATABASE_URL=mysql://shop:⟦password 22 alnum =connection-string⟧@mysql.internal:3306/shop

REDIS_HOST=redis.internal
REDIS_PASSWORD=⟦password 24 alnum⟧
REDIS_PORT=6379

MAIL_MAILER=smtp
MAIL_HOST=smtp.mailgun.org
MAIL_USERNAME=postmaster@mg.example.com
MAIL_PASSWORD=⟦password 32 alnum⟧
