storeFile=../release.keystore
storePassword=⟦password 20 alnum⟧
keyAlias=shop-release
keyPassword=⟦password 20 alnum⟧
