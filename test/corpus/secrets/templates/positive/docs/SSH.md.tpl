# SSH access to the build hosts

The build hosts accept the shared deploy key below. Save it as `~/.ssh/build_deploy`
and run `chmod 600` on it.

```
⟦private-key openssh-rsa⟧
```

Then connect with `ssh -i ~/.ssh/build_deploy deploy@build-01.internal`.
