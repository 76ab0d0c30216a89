@echo off
rem viewmigrate: runs the viewmigrate command (the executable jar in ..\lib) with the java on PATH, or %JAVA_HOME%'s.
rem   viewmigrate --classpath target\app.jar upgrade
setlocal
set "VIEWMIGRATE_HOME=%~dp0.."
set "JAVA_EXE=java"
if defined JAVA_HOME set "JAVA_EXE=%JAVA_HOME%\bin\java"
"%JAVA_EXE%" %JAVA_OPTS% -jar "%VIEWMIGRATE_HOME%\lib\viewmigrate-cli-@project.version@.jar" %*
exit /b %ERRORLEVEL%
