import { App } from '@octokit/app';

// Release bot installation. Key copied from the GitHub App settings page.
const PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDd9BtRO6K0Tvy9
3/ypRitjKYOFNZoeY/ZGaRcfLFWNXzTjRYrIxWWBhXcmzE+gxPPdX+c9LNIQaJKZ
Tzaj+W/wnkREi+DvkdPO0whBU7LrWk+CA3DvDFotqYBwdrsif5dO9oA7Z0EL1NII
C+ZNFxJFKlxm5UljXfR8ZOOKAnZMoOZSb1w52WqlsmFZa2SnWhKGzL2i5zyxEpG+
h+p+P+U4nY7BUXiOaQE2ZjxJ5AhNhpNbyqtqpq91dQXdP2NDPy94Ef2cCd6XIyrN
d7Mdt89einzpD7jrV6iwFjGu63GOtzhS/1iKkzOBKE61DPuKbxnDgfC3cSztpGps
ZjFbItoRAgMBAAECggEAadspBiqrlFRRrVs8/Rymx8H+ZJNmgFULmZQ4f1kdKnI8
XqKFqPCgU1AsvjfWSGZ2ql+5gQ811raRKIZDmJv4G+nXxFt0Ob4ypyM1/jYlkKL/
ZZIvlAsvnTSIudqesLrqlrHxAaPivXpQe571RVIaGBu2eyqiwD4IwyU48lLvSebV
25RZJdj7LqCXAukj2rJkVtj9OpJZaaEpq8yWxWWgiwaj8U5+0TN3OdVoVVZVRghY
Fw2QKW/tNmUgHlMdudPZjMBdiSgh8Go/CvC5j9Zz5tnEo/wZ+5zyc5d+Bc0lyvwC
rp9chkeSYVLGaenpwqMpZAQotYiU72N5wl1huI0AUwKBgQDyHitJMw3RzPEHgTWQ
d/W2o929trpY68/KHcZRZZDTlz1uSCad2QPZgB8snHNCmZZ+yidrMjn/474mFraP
EGEmiVxcPesQ7kaJ86YdplQIc0jMbUKJgOrf5ioUVEEkIo4aaLdq5tOR9Xh+J5cZ
amxbqwEDqRGdHvpYeVqce2A49wKBgQDqrfa+aCoiIKGPJq8x0Fd0b1ZPvItGW3lw
ersMn/ByymUkxxpIyvEFe3lo42evKg6ri6psfji2i3EhKcUx7+YUKiSggesyDUHI
bc6VA/BwdrxnmJi7ERPbj4OAz4TW2K33WJEqKi7sbzpzKk9nY5GqxwaxMh8d3TcS
szq5ZBwLNwKBgQDO7sQWOwFruBqlTGTIhg7HPATQGbXpPBqLZ6lRdloyzgeeEyKW
NJ3armt2iHzmhjifQw4vy2zQ7Qheq3j6i4hNFIeQ+wbGoLA/RbRLkRYvZsDon9WH
ily0YpbCa0SFqtcDcU6ampBnJoMGZ7X37gKQ0nX6d+zq+kgDiCzOo5AY/wKBgQCY
eiFIQ3ukotj1nqfT0M8Rusk0k4dWVlbH6yYfJMfgfXpL9AUy6JDDBB+1M5OJbuUL
NnqrdTM5/82oQ3B5aqptzZfwpZj/8zcbl6TSkzWkjLELCk2ptYXWcR97ENn5kd0u
SWBAKhpEylwKuaHPxhS+BgRmGu+2wqVmxAbSr6W87wJ/AxGRqQQ/8aeDT8iEuzgY
3l02DpbFJ5w1tdb9JLyloQ5Ht3rJk4lxUi4YZNjpsgK7/2Oy40RZVVVyWd33GQtq
AX8M6cwxOpH3o0HDGzNYjsa8V9IstDgOdRG4p4OTxQKWjO8kNK/QgFIMY1zlGfYl
oiRN8Dqr/TLciUhMxs2zzw==
-----END PRIVATE KEY-----
`;

export const app = new App({
  appId: 999937,
  privateKey: PRIVATE_KEY,
  oauth: {
    clientId: 'Iv23liWS2ZUeaxETxNrx',
    clientSecret: 'c2dcb077166ee3c807016f3f1dd4f5fc950790d6',
  },
  webhooks: { secret: process.env.GH_WEBHOOK_SECRET },
});
