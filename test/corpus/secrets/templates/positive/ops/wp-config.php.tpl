<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wp_prod' );
define( 'DB_PASSWORD', '⟦password 24 alnum⟧' );
define( 'DB_HOST', 'wp-db.internal' );
define( 'DB_CHARSET', 'utf8mb4' );

define( 'AUTH_KEY',         '⟦password 64 alnum⟧' );
define( 'SECURE_AUTH_KEY',  '⟦password 64 alnum⟧' );
define( 'NONCE_KEY',        '⟦password 64 alnum⟧' );

$table_prefix = 'wp_';
define( 'WP_DEBUG', false );
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
