<?php
/**
 * Base configuration for the blog.
 */
define( 'DB_NAME', 'blog_prod' );
define( 'DB_USER', 'wp_blog' );
define( 'DB_PASSWORD', 'ubu%#9bSHLH.06WGasa5pB' );
define( 'DB_HOST', 'mysql-blog.internal:3306' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );

define( 'AUTH_KEY',         'IH2Hn.dsIsPzbwL&zV[S(KS_b4xZLbib9q]q!y:frvc>bel(n%]~N;a4201%II%<' );
define( 'SECURE_AUTH_KEY',  'B,rrI-c;a:)}^#e1Q}!oS&_Z0j6&yW8vm19gYxwveyWS5)8D:6T~k4IJjOU==,(2' );
define( 'LOGGED_IN_KEY',    '=_&PT.hL8aq0y2Z]{>i[cBT,e5v&sj|S+.YU)0kQtM?O7JC))P~wdtpA+)sJ1oI3' );
define( 'NONCE_KEY',        'l^]&H]dydKY&!BlHq_9FYQ&+vtgFi%#Hl]dHNO[[IQ+l]erf>p*CD:Wp}cQFNPGu' );
define( 'AUTH_SALT',        'y>eDLf[;()f/JT:4SrIL(-hdEET&b!o3Rvs,[n!@;S0:+4{,1b}K<9s>W8F.84a,' );
define( 'SECURE_AUTH_SALT', '.J%7K@5)tK-BClBZw1~,}^T;A-0)#!m=slK_yMk!sQRZ{EFGo*Cag-6uFI&{3jw^' );
define( 'LOGGED_IN_SALT',   'l=Q}(FVhF<;8*v!axM-}Ng;|8zU]?^JJ3F9e9sqgcXZ-t_=tEwcf65FC,v_+1x%*' );
define( 'NONCE_SALT',       '6r]l5,2Iu-t/LnV~]bYgNXEc#Yd4B7vkXL>{05aWC}66j,tJ]epmEv!k5^ufgxeC' );

define( 'WP_MAIL_SMTP_MAILER', 'sendinblue' );
define( 'WP_MAIL_SMTP_SENDINBLUE_API_KEY', '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' );

$table_prefix = 'wp_';
define( 'WP_DEBUG', false );
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
