<?php

use Square\SquareClient;
use Square\Environment;

$client = new SquareClient([
    'accessToken' => '⟦square-token⟧',
    'environment' => Environment::PRODUCTION,
]);

$payments = $client->getPaymentsApi();
