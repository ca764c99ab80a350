@echo off
rem QPW Scope from a source checkout on Windows: qpwscope [COMMAND ARGS...]  (no arguments: the GUI)
rem Finds a JDK 25+ (QPWSCOPE_JAVA_HOME, JAVA_HOME, %USERPROFILE%\.m2\toolchains.xml, the usual
rem install folders, the java on PATH), builds target\qpwscope.jar with Maven when it is missing,
rem makes a start-up (AOT) cache for that JDK once, and runs the jar. QPWSCOPE_AOT=0 skips the cache.
setlocal EnableExtensions EnableDelayedExpansion
set "ROOT=%~dp0"
if "%ROOT:~-1%"=="\" set "ROOT=%ROOT:~0,-1%"
set "JAR=%ROOT%\target\qpwscope.jar"
set "JDK="

if defined QPWSCOPE_JAVA_HOME call :try "%QPWSCOPE_JAVA_HOME%"
if not defined JDK if defined JAVA_HOME call :try "%JAVA_HOME%"
if not defined JDK if exist "%USERPROFILE%\.m2\toolchains.xml" (
  for /f "usebackq tokens=2 delims=>" %%H in (`findstr /i /c:"<jdkHome>" "%USERPROFILE%\.m2\toolchains.xml"`) do (
    for /f "delims=<" %%P in ("%%H") do if not defined JDK call :try "%%P"
  )
)
for %%B in ("%ProgramFiles%\Eclipse Adoptium" "%ProgramFiles%\Java" "%ProgramFiles%\Microsoft" "%ProgramFiles%\Zulu" "%ProgramFiles%\Amazon Corretto" "%ProgramFiles%\BellSoft" "%ProgramFiles%\OpenJDK" "%USERPROFILE%\.jdks" "%USERPROFILE%\scoop\apps\temurin25-jdk") do (
  if not defined JDK if exist "%%~B\" (
    for /d %%D in ("%%~B\*") do if not defined JDK call :try "%%~D"
  )
)
if not defined JDK (
  for /f "delims=" %%J in ('where java 2^>nul') do if not defined JDK call :try "%%~dpJ.."
)
if not defined JDK goto :nojdk
set "JAVA=%JDK%\bin\java.exe"

if not exist "%JAR%" (
  where mvn >nul 2>&1 || goto :nomvn
  echo qpwscope: building target\qpwscope.jar with %JDK% ^(mvn -q -DskipTests package^) ... 1>&2
  pushd "%ROOT%"
  set "JAVA_HOME=%JDK%"
  call mvn -q -DskipTests package 1>&2
  popd
  if not exist "%JAR%" exit /b 3
)

set "AOTOPTS="
if not "%QPWSCOPE_AOT%"=="0" call :aot
"%JAVA%" %AOTOPTS% --enable-native-access=ALL-UNNAMED %QPWSCOPE_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%

rem One cache per JDK folder (it only works with the JVM that wrote it), remade when the jar changes.
:aot
set "KEY=%JDK::=%"
set "KEY=%KEY:\=_%"
set "KEY=%KEY: =_%"
set "AOT=%ROOT%\target\aot\qpwscope-%KEY%.aot"
rem the jar's size and time when the cache was made, kept beside it
for %%F in ("%JAR%") do set "STAMP=%%~zF %%~tF"
set "FRESH="
set "OLD="
if exist "%AOT%" if exist "%AOT%.stamp" set /p OLD=<"%AOT%.stamp"
if exist "%AOT%" if "!OLD!"=="%STAMP%" set "FRESH=1"
if not defined FRESH (
  echo qpwscope: making a start-up cache for %JDK% ^(once per build and JDK; 20 s to a few minutes^) ... 1>&2
  if not exist "%ROOT%\target\aot" mkdir "%ROOT%\target\aot"
  if exist "%AOT%" del "%AOT%"
  pushd "%ROOT%"
  "%JAVA%" -XX:AOTCacheOutput="%AOT%" --enable-native-access=ALL-UNNAMED -Dqpwscope.training=true -Dglass.platform=Headless -Dprism.order=sw -cp "%JAR%" io.qpwscope.Launcher run scenarios\isolated-rt-flushbufs.json --duration=1s --json > "%ROOT%\target\aot\training.log" 2>&1
  popd
  if exist "%AOT%" (echo %STAMP%)>"%AOT%.stamp"
)
if exist "%AOT%" set "AOTOPTS=-XX:AOTCache="%AOT%" -Xlog:aot=off,cds=off"
exit /b 0

rem :try DIR  sets JDK=DIR when DIR\bin\java.exe reports major version 25 or newer
:try
set "CAND=%~f1"
if not exist "%CAND%\bin\java.exe" exit /b 0
set "VER="
for /f "tokens=3" %%V in ('"%CAND%\bin\java.exe" -version 2^>^&1 ^| findstr /i version') do if not defined VER set "VER=%%~V"
if not defined VER exit /b 0
for /f "delims=." %%M in ("%VER%") do set "MAJOR=%%M"
set /a MAJOR=MAJOR+0 2>nul
if %MAJOR% GEQ 25 set "JDK=%CAND%"
exit /b 0

:nojdk
echo qpwscope: no JDK 25 or newer found ^(looked at QPWSCOPE_JAVA_HOME, JAVA_HOME, .m2\toolchains.xml, 1>&2
echo   Program Files\Eclipse Adoptium, Java, Microsoft, Zulu, Amazon Corretto, BellSoft, .jdks and PATH^). 1>&2
echo Install a JDK 25, for example:  winget install EclipseAdoptium.Temurin.25.JDK 1>&2
echo   ^(or download it from https://adoptium.net^), or set QPWSCOPE_JAVA_HOME to one, then run this again. 1>&2
exit /b 3

:nomvn
echo qpwscope: target\qpwscope.jar needs building and Maven ^(mvn^) is not on PATH. 1>&2
echo Install it ^(winget install Apache.Maven, or scoop install maven^) or use the packaged app ^(README^). 1>&2
exit /b 3
